package dev.outrigger.demo.catalog.error;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Answers Spring MVC's own failures (unknown path, wrong method, unexpected exceptions) with
 * an {@link ApiError} instead of a problem detail or a stack trace.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(ApiExceptionHandler.class);

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return ResponseEntity.status(status)
			.headers(headers)
			.contentType(MediaType.APPLICATION_JSON)
			.body(new ApiError(ApiError.codeFor(status), describe(ex)));
	}

	@ExceptionHandler
	ResponseEntity<ApiError> unexpected(Exception ex) {
		logger.error("Request failed unexpectedly", ex);
		return ApiError.response(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
				"the catalog failed to answer; see its log");
	}

	private static String describe(Exception ex) {
		if (ex instanceof NoResourceFoundException notFound) {
			return "no such path: " + notFound.getHttpMethod() + " /" + notFound.getResourcePath();
		}
		if (ex instanceof ErrorResponse response && response.getBody().getDetail() != null) {
			return response.getBody().getDetail();
		}
		return "the request could not be handled";
	}

}
