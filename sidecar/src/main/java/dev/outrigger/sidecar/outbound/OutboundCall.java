package dev.outrigger.sidecar.outbound;

import java.util.function.Consumer;

import io.micrometer.tracing.Span;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import dev.outrigger.core.error.MeshError;
import dev.outrigger.core.resilience.RetryingCall;
import dev.outrigger.core.traffic.TrafficRules;
import dev.outrigger.sidecar.proxy.EditableHeaders;

/** One call from the app, over all its attempts. */
final class OutboundCall {

	private static final byte[] NO_BODY = new byte[0];

	private static final Consumer<HttpHeaders> NO_CHANGE = (headers) -> {
	};

	final HttpServerRequest in;

	final HttpServerResponse out;

	final Destination destination;

	final Span span;

	/** Where each attempt goes and whether there is another. */
	final RetryingCall retrying;

	final String caller;

	/** The version the traffic policy chose, or {@code null} for any instance. */
	final String version;

	/** The path and query to request, after the policy's rewrite. */
	final String path;

	final TrafficRules traffic;

	/** Changes of the policy to the answer's headers. */
	final Consumer<HttpHeaders> answerHeaders;

	/** The body kept for replay, or {@code null} if it is streamed and cannot be sent twice. */
	byte[] body;

	MeshError lastError;

	boolean answered;

	boolean failed;

	OutboundCall(HttpServerRequest in, HttpServerResponse out, OutboundTarget target, Destination destination,
			Span span, RetryingCall retrying, String caller, String version, TrafficRules traffic) {
		this.in = in;
		this.out = out;
		this.destination = destination;
		this.span = span;
		this.retrying = retrying;
		this.caller = caller;
		this.version = version;
		this.traffic = traffic;
		this.path = traffic.pathRewriter().rewrite(target.path());
		this.answerHeaders = traffic.responseHeaders().isOff() ? NO_CHANGE
				: (headers) -> traffic.responseHeaders().apply(new EditableHeaders(headers));
	}

	/** Applies the policy's changes to the forwarded request's headers. */
	void editRequestHeaders(HttpHeaders headers) {
		if (!this.traffic.requestHeaders().isOff()) {
			this.traffic.requestHeaders().apply(new EditableHeaders(headers));
		}
	}

	/** The error for a call that found no instance to try. */
	MeshError noInstance() {
		if (this.lastError != null) {
			return this.lastError;
		}
		return MeshError.noHealthyInstance(this.destination.service(), this.version);
	}

	/**
	 * The request body as the first attempt sends it: kept in memory when it is small
	 * enough to be sent again, streamed otherwise.
	 */
	Mono<Publisher<? extends ByteBuf>> body() {
		HttpHeaders headers = this.in.requestHeaders();
		boolean chunked = headers.containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true);
		long length = headers.getInt(HttpHeaderNames.CONTENT_LENGTH, 0);
		if (!this.retrying.keepsBody(length, chunked)) {
			return Mono.just(this.in.receive().retain());
		}
		return this.in.receive().aggregate().asByteArray().defaultIfEmpty(NO_BODY).map((bytes) -> {
			this.body = bytes;
			this.retrying.bodyKept();
			return replay(null);
		});
	}

	/** The body for one attempt: the kept bytes, or the stream given for the first attempt. */
	Publisher<? extends ByteBuf> replay(Publisher<? extends ByteBuf> stream) {
		if (this.body == null) {
			return stream;
		}
		return (this.body.length == 0) ? Mono.empty() : Mono.just(Unpooled.wrappedBuffer(this.body));
	}

}
