package dev.outrigger.sidecar.proxy;

import java.time.Duration;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import dev.outrigger.core.error.MeshError;

/**
 * Forwards one request to an upstream URL over pooled keep-alive connections and streams the
 * answer back. Small bodies of known length are gathered first, so that headers and body leave
 * in one write (one system call instead of two or three); larger ones are streamed.
 */
public final class Forwarder {

	/** Largest body of known length that is gathered rather than streamed. */
	static final int SMALL_BODY = 64 * 1024;

	private final HttpClient client;

	public Forwarder(HttpClient client) {
		this.client = client;
	}

	/**
	 * Forwards {@code in} to {@code uri} and writes the upstream's answer to {@code out}.
	 * @param in the request received
	 * @param out the response to write
	 * @param uri absolute URL of the upstream, path and query included
	 * @param timeout longest wait for the upstream's response headers
	 * @param headers last changes to the forwarded request headers
	 * @return completes when the answer was written; fails if the upstream could not answer
	 */
	public Mono<Void> forward(HttpServerRequest in, HttpServerResponse out, String uri, Duration timeout,
			Consumer<HttpHeaders> headers) {
		return this.client.request(in.method()).uri(uri).send((request, body) -> {
			HttpHeaders forwarded = request.requestHeaders();
			ProxyHeaders.copy(in.requestHeaders(), forwarded);
			headers.accept(forwarded);
			request.responseTimeout(timeout);
			return body.send(requestBody(in));
		}).response((response, body) -> {
			out.status(response.status());
			ProxyHeaders.copy(response.responseHeaders(), out.responseHeaders());
			return out.send(responseBody(response.responseHeaders(), body));
		}).then();
	}

	/** The body of a received request, gathered when it is small and of known length. */
	static Publisher<? extends ByteBuf> requestBody(HttpServerRequest in) {
		HttpHeaders headers = in.requestHeaders();
		if (headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
			return in.receive().retain();
		}
		// Without Content-Length or Transfer-Encoding, an HTTP/1.1 request has no body.
		int length = headers.getInt(HttpHeaderNames.CONTENT_LENGTH, 0);
		if (length == 0) {
			return Mono.empty();
		}
		return (length <= SMALL_BODY) ? in.receive().aggregate().retain() : in.receive().retain();
	}

	/** The body of an upstream's answer, gathered when it is small and of known length. */
	static Publisher<? extends ByteBuf> responseBody(HttpHeaders headers, ByteBufFlux body) {
		Integer length = headers.getInt(HttpHeaderNames.CONTENT_LENGTH);
		boolean small = length != null && length <= SMALL_BODY
				&& !headers.contains(HttpHeaderNames.TRANSFER_ENCODING);
		return small ? body.aggregate().retain() : body.retain();
	}

	/**
	 * Makes one attempt to forward {@code in} with the given body. Unless
	 * {@code retryInstead} says the answer should be dropped for another attempt, the answer
	 * is streamed to {@code out}.
	 * @param in the request received
	 * @param out the response to write
	 * @param uri absolute URL of the upstream, path and query included
	 * @param timeout longest wait for the upstream's response headers
	 * @param headers last changes to the forwarded request headers
	 * @param body the request body to send
	 * @param retryInstead given the upstream's status and headers, whether to drop the
	 * answer; called once per answer
	 * @param answerHeaders last changes to the headers of the answer passed on
	 * @return how the attempt ended; fails if the upstream could not answer
	 */
	public Mono<Answer> attempt(HttpServerRequest in, HttpServerResponse out, String uri, Duration timeout,
			Consumer<HttpHeaders> headers, Publisher<? extends ByteBuf> body,
			BiPredicate<Integer, HttpHeaders> retryInstead, Consumer<HttpHeaders> answerHeaders) {
		return this.client.request(in.method()).uri(uri).send((request, outbound) -> {
			HttpHeaders forwarded = request.requestHeaders();
			ProxyHeaders.copy(in.requestHeaders(), forwarded);
			headers.accept(forwarded);
			request.responseTimeout(timeout);
			return outbound.send(body);
		}).response((response, responseBody) -> {
			int status = response.status().code();
			String meshError = response.responseHeaders().get(MeshError.HEADER);
			if (retryInstead.test(status, response.responseHeaders())) {
				return responseBody.then(Mono.just(new Answer(status, false, meshError)));
			}
			out.status(response.status());
			ProxyHeaders.copy(response.responseHeaders(), out.responseHeaders());
			answerHeaders.accept(out.responseHeaders());
			return Mono.from(out.send(responseBody(response.responseHeaders(), responseBody)))
				.thenReturn(new Answer(status, true, meshError));
		}).single();
	}

	/**
	 * Sends a copy of {@code in} with the given body and drops the answer (for mirroring).
	 * @param in the request received
	 * @param uri absolute URL of the upstream, path and query included
	 * @param timeout longest wait for the upstream's response headers
	 * @param headers last changes to the copied request headers
	 * @param body the request body
	 * @return completes when the answer was read; fails if the upstream could not answer
	 */
	public Mono<Void> sendCopy(HttpServerRequest in, String uri, Duration timeout, Consumer<HttpHeaders> headers,
			byte[] body) {
		return this.client.request(in.method()).uri(uri).send((request, outbound) -> {
			HttpHeaders copied = request.requestHeaders();
			ProxyHeaders.copy(in.requestHeaders(), copied);
			headers.accept(copied);
			request.responseTimeout(timeout);
			return outbound.send((body.length == 0) ? Mono.empty() : Mono.just(Unpooled.wrappedBuffer(body)));
		}).response((response, answer) -> answer.then()).then();
	}

}
