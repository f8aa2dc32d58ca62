package dev.outrigger.demo.orders.error;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Answers Spring MVC's own failures (unreadable body, unknown path, wrong method, unexpected
 * exceptions) with an {@link ApiError} instead of a problem detail or a stack trace.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(ApiExceptionHandler.class);

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String code = (ex instanceof HttpMessageNotReadableException) ? "malformed_request" : ApiError.codeFor(status);
		return ResponseEntity.status(status)
			.headers(headers)
			.contentType(MediaType.APPLICATION_JSON)
			.body(new ApiError(code, describe(ex), null));
	}

	@ExceptionHandler
	ResponseEntity<ApiError> unexpected(Exception ex) {
		logger.error("Request failed unexpectedly", ex);
		return ApiError.response(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
				"orders failed to answer; see its log");
	}

	private static String describe(Exception ex) {
		if (ex instanceof HttpMessageNotReadableException unreadable) {
			return describeUnreadable(unreadable.getCause());
		}
		if (ex instanceof NoResourceFoundException notFound) {
			return "no such path: " + notFound.getHttpMethod() + " /" + notFound.getResourcePath();
		}
		if (ex instanceof ErrorResponse response && response.getBody().getDetail() != null) {
			return response.getBody().getDetail();
		}
		return "the request could not be handled";
	}

	private static String describeUnreadable(@Nullable Throwable cause) {
		if (cause == null) {
			return "request body is missing";
		}
		if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			List<JacksonException.Reference> path = jackson.getPath();
			return "field '" + path.get(path.size() - 1).getPropertyName() + "' has the wrong type";
		}
		if (cause instanceof InputCoercionException) {
			return "a number in the request body is out of range";
		}
		if (cause instanceof StreamReadException) {
			return "request body is not valid JSON";
		}
		return "request body could not be read as an order";
	}

}
