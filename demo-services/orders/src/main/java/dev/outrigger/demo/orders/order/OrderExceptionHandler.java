package dev.outrigger.demo.orders.order;

import dev.outrigger.demo.orders.error.ApiError;
import dev.outrigger.demo.orders.outbound.DependencyUnavailableException;
import dev.outrigger.demo.orders.outbound.ItemNotFoundException;
import dev.outrigger.demo.orders.outbound.PaymentDeclinedException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers each way an order can fail with its status and an {@link ApiError}.
 */
@RestControllerAdvice(assignableTypes = OrderController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OrderExceptionHandler {

	@ExceptionHandler
	ResponseEntity<ApiError> invalidOrder(InvalidOrderException ex) {
		return ApiError.response(HttpStatus.BAD_REQUEST, "invalid_order", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> orderNotFound(OrderNotFoundException ex) {
		return ApiError.response(HttpStatus.NOT_FOUND, "order_not_found", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> itemNotFound(ItemNotFoundException ex) {
		return ApiError.response(HttpStatus.NOT_FOUND, "item_not_found", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> paymentDeclined(PaymentDeclinedException ex) {
		return ApiError.response(HttpStatus.UNPROCESSABLE_CONTENT,
				new ApiError("payment_declined", ex.getMessage(), "payments"));
	}

	@ExceptionHandler
	ResponseEntity<ApiError> dependencyUnavailable(DependencyUnavailableException ex) {
		return ApiError.response(HttpStatus.SERVICE_UNAVAILABLE,
				new ApiError("dependency_unavailable", ex.getMessage(), ex.getService()));
	}

}
