package dev.outrigger.sidecar.proxy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

import dev.outrigger.core.error.MeshError;

/** Writes a {@link MeshError} as the answer of a proxied request. */
public final class ErrorResponses {

	private ErrorResponses() {
	}

	/** Answers with the error if nothing was sent yet; otherwise drops the connection. */
	public static Mono<Void> send(HttpServerResponse response, MeshError error) {
		if (response.hasSentHeaders()) {
			return Mono.error(new IllegalStateException("upstream failed mid-response: " + error.message()));
		}
		byte[] body = error.toJsonBytes();
		response.status(HttpResponseStatus.valueOf(error.status()))
			.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
			.header(MeshError.HEADER, error.error());
		return response.send(Mono.just(Unpooled.wrappedBuffer(body))).then();
	}

	/** Answers {@code 429 rate_limited} with a {@code Retry-After} header. */
	public static Mono<Void> rateLimited(HttpServerResponse response, String service, long retryAfterSeconds) {
		response.header(HttpHeaderNames.RETRY_AFTER, Long.toString(retryAfterSeconds));
		return send(response, MeshError.rateLimited(service, retryAfterSeconds));
	}

}
