package dev.outrigger.demo.orders.error;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The JSON body of every error this service answers.
 *
 * @param error a machine-readable code such as {@code item_not_found}
 * @param message a sentence for people saying what went wrong
 * @param service the dependency at fault, when the error is a dependency's
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, @Nullable String service) {

	/**
	 * Returns a JSON response with a body naming no dependency; the content type is fixed so
	 * that the error is JSON whatever the client asked for.
	 */
	public static ResponseEntity<ApiError> response(HttpStatusCode status, String error, String message) {
		return response(status, new ApiError(error, message, null));
	}

	/** Returns a JSON response with the given body, whatever the client asked for. */
	public static ResponseEntity<ApiError> response(HttpStatusCode status, ApiError body) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}

	/** Returns the error code for a status without a more specific one, e.g. {@code not_found}. */
	public static String codeFor(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.name().toLowerCase(Locale.ROOT) : "http_" + status.value();
	}

}
