package dev.outrigger.sidecar.proxy;

import java.time.Duration;
import java.util.function.Consumer;

import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

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

}
