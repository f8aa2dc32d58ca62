package dev.outrigger.core.config.cache;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

/**
 * Tells a config server that could not answer from one that answered no. Only the first
 * justifies starting from the cache: an I/O error (refused, reset, timed out, unknown host) or a
 * 5xx (the server is up but its backend is not, or the config it would serve is broken). A 4xx,
 * an answer that is not a config, or no answer for the label are mistakes in what the app asks
 * for, which the cache would only hide.
 */
final class ConfigServerFailures {

	private ConfigServerFailures() {
	}

	/** Whether {@code failure} (from the config client's import) means the server was unavailable. */
	static boolean isUnavailable(Throwable failure) {
		return unavailability(failure) != null;
	}

	/** What made the server unavailable, in a few words, e.g. {@code ConnectException: Connection refused}. */
	static String describe(Throwable failure) {
		Throwable cause = unavailability(failure);
		if (cause instanceof HttpServerErrorException answer) {
			return "it answered " + answer.getStatusCode().value() + " " + answer.getStatusText();
		}
		Throwable root = NestedExceptionUtils.getMostSpecificCause((cause != null) ? cause : failure);
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	private static Throwable unavailability(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof ResourceAccessException || cause instanceof HttpServerErrorException) {
				return cause;
			}
		}
		return null;
	}

}
