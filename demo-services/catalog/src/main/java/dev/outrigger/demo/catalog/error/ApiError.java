package dev.outrigger.demo.catalog.error;

import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The JSON body of every error this service answers.
 *
 * @param error a machine-readable code such as {@code item_not_found}
 * @param message a sentence for people saying what went wrong
 */
public record ApiError(String error, String message) {

	/**
	 * Returns a JSON response with this body; the content type is fixed so that the error
	 * is JSON whatever the client asked for.
	 */
	public static ResponseEntity<ApiError> response(HttpStatusCode status, String error, String message) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new ApiError(error, message));
	}

	/** Returns the error code for a status without a more specific one, e.g. {@code not_found}. */
	public static String codeFor(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.name().toLowerCase(Locale.ROOT) : "http_" + status.value();
	}

}
