package dev.outrigger.demo.orders.outbound;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import org.springframework.web.client.RestClientException;

/**
 * What a dependency said when a call failed, and how to put a failed call into words.
 *
 * @param error the machine-readable code
 * @param message the sentence for people
 */
record RemoteFailure(String error, String message) {

	/** Reads the error body of a response, if it has one this service can read. */
	static Optional<RemoteFailure> readFrom(ConvertibleClientHttpResponse response) {
		try {
			return Optional.ofNullable(response.bodyTo(RemoteFailure.class));
		}
		catch (RestClientException | IllegalStateException ex) {
			return Optional.empty();
		}
	}

	/** Describes a failed call that has no error body worth quoting. */
	static String describe(HttpStatusCode status) {
		return "answered HTTP " + status.value();
	}

	/** Describes a call that failed before any answer, in words for people. */
	static String describe(RestClientException ex) {
		if (causedBy(ex, HttpConnectTimeoutException.class)) {
			return "timed out connecting";
		}
		if (causedBy(ex, HttpTimeoutException.class)) {
			return "timed out waiting for an answer";
		}
		if (causedBy(ex, UnresolvedAddressException.class) || causedBy(ex, UnknownHostException.class)) {
			return "cannot resolve its host name";
		}
		if (causedBy(ex, ConnectException.class)) {
			return "connection refused";
		}
		if (causedBy(ex, EOFException.class)) {
			return "connection closed before an answer";
		}
		Throwable cause = ex.getMostSpecificCause();
		return cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
