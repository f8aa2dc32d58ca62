package dev.outrigger.gateway.error;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;

import dev.outrigger.core.error.MeshError;
import dev.outrigger.core.error.MeshErrorException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.netty.channel.ConnectTimeoutException;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Decides which mesh error answers a failure at the edge; writing the answer is the
 * handler's job.
 */
final class EdgeErrorClassifier {

	/** The mesh error that answers {@code failure} for {@code request}. */
	MeshError classify(Throwable failure, FailedRequest request) {
		String service = request.service();
		MeshErrorException refusal = find(failure, MeshErrorException.class);
		if (refusal != null) {
			return refusal.error();
		}
		if (isCircuitOpen(failure)) {
			return MeshError.circuitOpen(service);
		}
		if (failure instanceof NotFoundException) {
			// Thrown by the load-balancer filter: "Unable to find instance for <service>".
			return MeshError.noHealthyInstance(service);
		}
		Throwable connectFailure = find(failure, ConnectException.class);
		if (connectFailure != null) {
			return MeshError.upstreamUnreachable(service, describeConnectFailure(connectFailure));
		}
		if (isTimeout(failure)) {
			return upstreamTimeout(request);
		}
		IOException io = find(failure, IOException.class);
		if (io != null) {
			return MeshError.upstreamUnreachable(service, describeIoFailure(io));
		}
		return classifyStatus(failure, request);
	}

	private static MeshError classifyStatus(Throwable failure, FailedRequest request) {
		if (!(failure instanceof ResponseStatusException statusException)) {
			return MeshError.internalError();
		}
		int status = statusException.getStatusCode().value();
		if (status == HttpStatus.NOT_FOUND.value()) {
			return MeshError.routeNotFound(request.path());
		}
		if (statusException.getStatusCode().is4xxClientError()) {
			HttpStatus known = HttpStatus.resolve(status);
			String reason = (known != null) ? known.getReasonPhrase() : "client error " + status;
			return new MeshError(status, "request_rejected", "the gateway rejected the request: " + reason, null);
		}
		return MeshError.internalError();
	}

	private static boolean isCircuitOpen(Throwable failure) {
		// The gateway's Resilience4j CircuitBreaker filter replaces CallNotPermittedException
		// by a cause-less ServiceUnavailableException, which nothing else throws.
		return find(failure, ServiceUnavailableException.class) != null
				|| find(failure, CallNotPermittedException.class) != null;
	}

	private static boolean isTimeout(Throwable failure) {
		if (failure instanceof ResponseStatusException statusException
				&& statusException.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
			return true;
		}
		return find(failure, TimeoutException.class) != null
				|| find(failure, java.util.concurrent.TimeoutException.class) != null
				|| find(failure, io.netty.handler.timeout.TimeoutException.class) != null;
	}

	private static MeshError upstreamTimeout(FailedRequest request) {
		if (request.responseTimeout() != null) {
			return MeshError.upstreamTimeout(request.service(), request.responseTimeout());
		}
		return new MeshError(504, "upstream_timeout",
				"service '" + request.service() + "' did not answer in time", request.service());
	}

	private static String describeConnectFailure(Throwable failure) {
		// Only a fixed phrase reaches the client: the exception text names internal addresses.
		return (failure instanceof ConnectTimeoutException) ? "connect timed out" : "connection refused";
	}

	private static String describeIoFailure(IOException failure) {
		if (failure instanceof PrematureCloseException) {
			return "connection closed before the response";
		}
		if (failure instanceof UnknownHostException) {
			return "address cannot be resolved";
		}
		return "connection reset or broken";
	}

	private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < 16; depth++) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			current = current.getCause();
		}
		return null;
	}

}
