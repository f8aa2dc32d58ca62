package dev.outrigger.gateway.resilience;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

import dev.outrigger.core.error.MeshError;
import dev.outrigger.core.policy.EdgePolicy;
import dev.outrigger.core.error.MeshErrorException;
import dev.outrigger.core.resilience.Deadline;
import dev.outrigger.core.resilience.Endpoint;
import dev.outrigger.core.resilience.RetryingCall;
import dev.outrigger.core.resilience.RetryingCall.Attempt;
import dev.outrigger.core.resilience.RetryingCall.Verdict;

/**
 * One request through an {@code lb://} route of the gateway, over all its attempts: sends each
 * attempt down the rest of the filter chain and replays the kept body; {@link RetryingCall}
 * decides where each attempt goes and whether there is another.
 */
final class EdgeCall {

	private final ServerWebExchange exchange;

	private final GatewayFilterChain chain;

	private final URI url;

	private final String service;

	private final RetryingCall retrying;

	private final Duration timeout;

	/** The only version the request may go to, or {@code null} for any. */
	private final String version;

	/** Given the body once it is known, for a mirrored copy; {@code null} for none. */
	private final Consumer<byte[]> bodyTap;

	/** The body kept for replay; {@code null} when it is streamed and cannot be sent twice. */
	private byte[] body;

	private Throwable lastFailure;

	/**
	 * Creates the call.
	 * @param exchange the exchange of the request
	 * @param chain the rest of the gateway's filter chain, run once per attempt
	 * @param url the {@code lb://service/...} request URL
	 * @param retrying the retry decisions of the call
	 * @param timeout the route's timeout, for the error when the deadline passes
	 * @param version the version the traffic policy chose, or {@code null} for any
	 * @param bodyTap given the body once it is read into memory, or {@code null}
	 */
	EdgeCall(ServerWebExchange exchange, GatewayFilterChain chain, URI url, RetryingCall retrying, Duration timeout,
			String version, Consumer<byte[]> bodyTap) {
		this.exchange = exchange;
		this.chain = chain;
		this.url = url;
		this.service = url.getHost();
		this.retrying = retrying;
		this.timeout = timeout;
		this.version = version;
		this.bodyTap = bodyTap;
	}

	/** Reads a small body into memory so that it can be sent again, then makes the first attempt. */
	Mono<Void> withBody() {
		HttpHeaders headers = this.exchange.getRequest().getHeaders();
		long length = headers.getContentLength();
		if (!this.retrying.keepsBody(length, headers.containsHeader(HttpHeaders.TRANSFER_ENCODING))) {
			return attempt();
		}
		if (length <= 0) {
			return bodyRead(new byte[0]);
		}
		return DataBufferUtils.join(this.exchange.getRequest().getBody()).map((joined) -> {
			byte[] bytes = new byte[joined.readableByteCount()];
			joined.read(bytes);
			DataBufferUtils.release(joined);
			return bytes;
		}).defaultIfEmpty(new byte[0]).flatMap(this::bodyRead);
	}

	private Mono<Void> bodyRead(byte[] bytes) {
		this.body = bytes;
		this.retrying.bodyKept();
		if (this.bodyTap != null) {
			this.bodyTap.accept(bytes);
		}
		return attempt();
	}

	private Mono<Void> attempt() {
		Attempt attempt = this.retrying.next();
		if (attempt == null) {
			return Mono.error((this.lastFailure != null) ? this.lastFailure : noInstance());
		}
		Endpoint endpoint = attempt.endpoint();
		URI target = UriComponentsBuilder.fromUri(this.url)
			.scheme("http")
			.host(endpoint.host())
			.port(endpoint.port())
			.build(true)
			.toUri();
		this.exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, target);
		ServerWebExchange forwarded = this.exchange.mutate().request(request()).build();
		Deadline deadline = this.retrying.deadline();
		return this.chain.filter(forwarded)
			.timeout(deadline.remaining(), Mono.error(() -> new TimeoutException(
					"service '" + this.service + "' did not answer within " + this.timeout.toMillis() + " ms")))
			.then(Mono.fromSupplier(() -> answered(attempt)))
			.onErrorResume((failure) -> failed(failure, attempt))
			.doOnCancel(attempt::abandoned)
			.flatMap((verdict) -> (verdict == Verdict.RETRY) ? retry() : Mono.empty());
	}

	private ServerHttpRequest request() {
		ServerHttpRequest request = this.exchange.getRequest()
			.mutate()
			.headers((headers) -> headers.set(Deadline.HEADER, this.retrying.deadline().headerValue()))
			.build();
		if (this.body == null || this.body.length == 0) {
			return request;
		}
		byte[] bytes = this.body;
		return new ServerHttpRequestDecorator(request) {
			@Override
			public Flux<DataBuffer> getBody() {
				return Flux.defer(() -> Flux.just(EdgeCall.this.exchange.getResponse()
					.bufferFactory()
					.wrap(bytes)));
			}
		};
	}

	private Verdict answered(Attempt attempt) {
		ServerHttpResponse response = this.exchange.getResponse();
		HttpStatusCode status = response.getStatusCode();
		int code = (status != null) ? status.value() : 200;
		// Out of the budget, the instance's answer stands.
		return attempt.answered(code, response.getHeaders().getFirst(MeshError.HEADER), response.isCommitted());
	}

	private Mono<Verdict> failed(Throwable failure, Attempt attempt) {
		this.lastFailure = failure;
		Verdict verdict = attempt.failed(failure, this.exchange.getResponse().isCommitted());
		if (verdict == Verdict.BUDGET_EXHAUSTED) {
			return Mono.error(new MeshErrorException(this.retrying
				.budgetExhausted("service '" + this.service + "' failed: " + failure.getClass().getSimpleName())));
		}
		return (verdict == Verdict.RETRY) ? Mono.just(verdict) : Mono.error(failure);
	}

	private Mono<Void> retry() {
		ServerWebExchangeUtils.reset(this.exchange);
		Duration delay = this.retrying.backoff();
		Mono<Void> backoff = delay.isZero() ? Mono.empty() : Mono.delay(delay).then();
		return backoff.then(Mono.defer(this::attempt));
	}

	private Throwable noInstance() {
		if (this.version != null) {
			return new MeshErrorException(MeshError.noHealthyInstance(this.service, this.version));
		}
		return NotFoundException.create(false, "Unable to find instance for " + this.service);
	}

}
