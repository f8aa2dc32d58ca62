package dev.outrigger.gateway.resilience;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

import dev.outrigger.core.error.MeshError;
import dev.outrigger.core.policy.EdgePolicy;
import dev.outrigger.core.error.MeshErrorException;
import dev.outrigger.core.resilience.Deadline;
import dev.outrigger.core.resilience.Endpoint;
import dev.outrigger.core.resilience.InstanceHealth;
import dev.outrigger.core.resilience.InstancePool;
import dev.outrigger.core.resilience.RetryBudget;
import dev.outrigger.core.resilience.RetryRules;
import dev.outrigger.core.resilience.RetryRules.Reach;

/** One request through an {@code lb://} route of the gateway, over all its attempts. */
final class EdgeCall {

	// No retry is started with less time than this left before the deadline.
	private static final Duration RETRY_MARGIN = Duration.ofMillis(5);

	private final ServerWebExchange exchange;

	private final GatewayFilterChain chain;

	private final URI url;

	private final String service;

	private final EdgePolicy policy;

	private final RetryBudget budget;

	private final InstancePool pool;

	private final Deadline deadline;

	private final Duration timeout;

	private final int attempts;

	private final boolean hasIdempotencyKey;

	private final Set<String> tried = new HashSet<>(4);

	/** The body kept for replay; {@code null} when it is streamed and cannot be sent twice. */
	private byte[] body;

	private Throwable lastFailure;

	private final Supplier<List<Endpoint>> endpoints;

	/** The only version the request may go to, or {@code null} for any. */
	private final String version;

	/** Given the body once it is known, for a mirrored copy; {@code null} for none. */
	private final Consumer<byte[]> bodyTap;

	/**
	 * Creates the call.
	 * @param exchange the exchange of the request
	 * @param chain the rest of the gateway's filter chain, run once per attempt
	 * @param url the {@code lb://service/...} request URL
	 * @param policy the edge policy in force
	 * @param budget the route's retry budget
	 * @param pool the instances of the service as the gateway sees them
	 * @param timeout the route's deadline
	 * @param attempts retries allowed after the first attempt
	 * @param endpoints the instances of the service (of the chosen version) that take traffic
	 * @param version the version the traffic policy chose, or {@code null} for any
	 * @param bodyTap given the body once it is read into memory, or {@code null}
	 */
	EdgeCall(ServerWebExchange exchange, GatewayFilterChain chain, URI url, EdgePolicy policy, RetryBudget budget,
			InstancePool pool, Duration timeout, int attempts, Supplier<List<Endpoint>> endpoints, String version,
			Consumer<byte[]> bodyTap) {
		this.exchange = exchange;
		this.chain = chain;
		this.url = url;
		this.service = url.getHost();
		this.policy = policy;
		this.budget = budget;
		this.pool = pool;
		this.timeout = timeout;
		HttpHeaders headers = exchange.getRequest().getHeaders();
		this.deadline = Deadline.of(timeout, headers.getFirst(Deadline.HEADER));
		this.attempts = attempts;
		this.hasIdempotencyKey = headers.containsHeader(RetryRules.IDEMPOTENCY_KEY);
		this.endpoints = endpoints;
		this.version = version;
		this.bodyTap = bodyTap;
	}

	/** Reads a small body into memory so that it can be sent again, then makes the first attempt. */
	Mono<Void> withBody() {
		HttpHeaders headers = this.exchange.getRequest().getHeaders();
		long length = headers.getContentLength();
		boolean chunked = headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
		if (chunked || length > this.policy.retries().maxBody().toBytes()) {
			return attempt(0);
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
		if (this.bodyTap != null) {
			this.bodyTap.accept(bytes);
		}
		return attempt(0);
	}

	Mono<Void> attempt(int retry) {
		List<Endpoint> endpoints = this.endpoints.get();
		Endpoint untried = this.pool.choose(endpoints, this.tried, null, this.policy.loadBalancing());
		Endpoint endpoint = (untried != null || this.tried.isEmpty()) ? untried
				: this.pool.choose(endpoints, Set.of(), null, this.policy.loadBalancing());
		if (endpoint == null) {
			return Mono.error((this.lastFailure != null) ? this.lastFailure : noInstance());
		}
		this.tried.add(endpoint.id());
		URI target = UriComponentsBuilder.fromUri(this.url)
			.scheme("http")
			.host(endpoint.host())
			.port(endpoint.port())
			.build(true)
			.toUri();
		this.exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, target);
		ServerWebExchange attempt = this.exchange.mutate().request(request()).build();
		InstanceHealth.Attempt tracked = this.pool.health(endpoint).attempt();
		return this.chain.filter(attempt)
			.timeout(this.deadline.remaining(), Mono.error(() -> new TimeoutException(
					"service '" + this.service + "' did not answer within " + this.timeout.toMillis() + " ms")))
			.then(Mono.defer(() -> answered(tracked, endpoint, endpoints, retry)))
			.onErrorResume((failure) -> failed(failure, tracked, endpoint, endpoints, retry))
			.doOnCancel(tracked::abandoned);
	}

	private ServerHttpRequest request() {
		ServerHttpRequest request = this.exchange.getRequest()
			.mutate()
			.headers((headers) -> headers.set(Deadline.HEADER, this.deadline.headerValue()))
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

	private Mono<Void> answered(InstanceHealth.Attempt tracked, Endpoint endpoint, List<Endpoint> endpoints,
			int retry) {
		HttpStatusCode status = this.exchange.getResponse().getStatusCode();
		int code = (status != null) ? status.value() : 200;
		String meshError = this.exchange.getResponse().getHeaders().getFirst(MeshError.HEADER);
		boolean appDown = "app_unavailable".equals(meshError);
		if (code < 500) {
			tracked.succeeded();
			return Mono.empty();
		}
		this.pool.failed(tracked, endpoint, endpoints, appDown, this.policy.outlier());
		Reach reach = appDown ? Reach.NOT_SENT : Reach.MAYBE_PROCESSED;
		if (!RetryRules.isRetryableStatus(code) || !mayRetry(retry, reach)
				|| this.exchange.getResponse().isCommitted() || !this.budget.tryAcquireRetry()) {
			return Mono.empty();
		}
		ServerWebExchangeUtils.reset(this.exchange);
		return backoff(retry).then(Mono.defer(() -> attempt(retry + 1)));
	}

	private Mono<Void> failed(Throwable failure, InstanceHealth.Attempt tracked, Endpoint endpoint,
			List<Endpoint> endpoints, int retry) {
		boolean notSent = isConnectFailure(failure);
		this.pool.failed(tracked, endpoint, endpoints, notSent, this.policy.outlier());
		this.lastFailure = failure;
		if (this.exchange.getResponse().isCommitted()
				|| !mayRetry(retry, notSent ? Reach.NOT_SENT : Reach.MAYBE_PROCESSED)) {
			return Mono.error(failure);
		}
		if (!this.budget.tryAcquireRetry()) {
			return Mono.error(new MeshErrorException(MeshError.retryBudgetExhausted(this.service,
					"service '" + this.service + "' failed: " + failure.getClass().getSimpleName())));
		}
		ServerWebExchangeUtils.reset(this.exchange);
		return backoff(retry).then(Mono.defer(() -> attempt(retry + 1)));
	}

	private Throwable noInstance() {
		if (this.version != null) {
			return new MeshErrorException(MeshError.noHealthyInstance(this.service, this.version));
		}
		return NotFoundException.create(false, "Unable to find instance for " + this.service);
	}

	private boolean mayRetry(int retry, Reach reach) {
		return this.body != null && retry < this.attempts && !this.deadline.isExpired(RETRY_MARGIN)
				&& RetryRules.mayRetry(this.exchange.getRequest().getMethod().name(), this.hasIdempotencyKey,
						reach);
	}

	private Mono<Void> backoff(int retry) {
		Duration delay = this.policy.retries().toBackoff().delay(retry + 1, this.deadline, RETRY_MARGIN);
		return delay.isZero() ? Mono.empty() : Mono.delay(delay).then();
	}

	private static boolean isConnectFailure(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < 16; depth++) {
			if (current instanceof ConnectException) {
				return true;
			}
			current = current.getCause();
		}
		return false;
	}

}
