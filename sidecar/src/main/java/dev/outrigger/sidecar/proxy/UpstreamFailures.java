package dev.outrigger.sidecar.proxy;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.netty.http.client.PrematureCloseException;

import dev.outrigger.core.error.MeshError;

/** Decides which mesh error a failed forward becomes. */
public final class UpstreamFailures {

	private UpstreamFailures() {
	}

	/** Whether the failure is a timeout waiting for the upstream's answer. */
	public static boolean isTimeout(Throwable failure) {
		return failure instanceof ReadTimeoutException || failure instanceof TimeoutException
				|| failure instanceof ConnectTimeoutException;
	}

	/** Whether the upstream could not be reached or dropped the connection. */
	public static boolean isUnreachable(Throwable failure) {
		return failure instanceof ConnectException || failure instanceof PrematureCloseException
				|| failure instanceof java.io.IOException;
	}

	/** The error for a failed call to another service's instance. */
	public static MeshError forService(String service, Throwable failure, Duration timeout) {
		if (isTimeout(failure)) {
			return MeshError.upstreamTimeout(service, timeout);
		}
		if (isUnreachable(failure)) {
			return MeshError.upstreamUnreachable(service, describe(failure));
		}
		return MeshError.internalError();
	}

	/** The error for a failed call to the local app. */
	public static MeshError forApp(String service, Throwable failure, Duration timeout) {
		if (isTimeout(failure)) {
			return MeshError.upstreamTimeout(service, timeout);
		}
		if (isUnreachable(failure)) {
			return MeshError.appUnavailable(service, describe(failure));
		}
		return MeshError.internalError();
	}

	private static String describe(Throwable failure) {
		if (failure instanceof ConnectException) {
			return "connection refused";
		}
		if (failure instanceof PrematureCloseException) {
			return "connection closed before the answer";
		}
		String message = failure.getMessage();
		return (message != null) ? message : failure.getClass().getSimpleName();
	}

}
