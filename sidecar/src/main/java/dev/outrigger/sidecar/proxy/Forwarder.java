package dev.outrigger.sidecar.proxy;

import java.time.Duration;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import dev.outrigger.core.error.MeshError;

/**
 * Forwards one request to an upstream URL over pooled keep-alive connections and streams the
 * answer back, without buffering either body.
 */
public final class Forwarder {

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
			return body.send(in.receive().retain());
		}).response((response, body) -> {
			out.status(response.status());
			ProxyHeaders.copy(response.responseHeaders(), out.responseHeaders());
			return out.send(body.retain());
		}).then();
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
	 * @return how the attempt ended; fails if the upstream could not answer
	 */
	public Mono<Answer> attempt(HttpServerRequest in, HttpServerResponse out, String uri, Duration timeout,
			Consumer<HttpHeaders> headers, Publisher<? extends ByteBuf> body,
			BiPredicate<Integer, HttpHeaders> retryInstead) {
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
			return Mono.from(out.send(responseBody.retain())).thenReturn(new Answer(status, true, meshError));
		}).single();
	}

}
