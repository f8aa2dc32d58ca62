package dev.outrigger.demo.orders.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's whitelabel error page so that errors raised outside Spring MVC
 * (by the servlet container or a filter) are JSON too.
 */
@RestController
class JsonErrorController implements ErrorController {

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ResponseEntity<ApiError> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (!(code instanceof Integer status)) {
			// Called directly rather than as an error dispatch: there is no such resource.
			return ApiError.response(HttpStatus.NOT_FOUND, "not_found", "no such path: " + request.getRequestURI());
		}
		HttpStatusCode statusCode = HttpStatusCode.valueOf(status);
		return ApiError.response(statusCode, ApiError.codeFor(statusCode), describe(statusCode, path));
	}

	private static String describe(HttpStatusCode status, Object path) {
		HttpStatus known = HttpStatus.resolve(status.value());
		String reason = (known != null) ? known.getReasonPhrase() : "HTTP " + status.value();
		return "request to " + path + " failed: " + reason;
	}

}
