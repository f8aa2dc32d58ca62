package dev.outrigger.gateway.resilience;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

import dev.outrigger.core.error.MeshError;
import dev.outrigger.core.error.MeshErrorException;
import dev.outrigger.core.resilience.Deadline;
import dev.outrigger.core.resilience.Endpoint;
import dev.outrigger.core.resilience.InstanceHealth;
import dev.outrigger.core.resilience.InstancePool;
import dev.outrigger.core.resilience.RetryBudget;
import dev.outrigger.core.resilience.RetryRules;
import dev.outrigger.core.resilience.RetryRules.Reach;

/**
 * Sends each request of an {@code lb://} route to an instance chosen by the mesh's balancer
 * (outlier ejection, least-loaded or round-robin) and tries it again on another instance when
 * the mesh's retry rules allow it, within the route's retry budget and its one deadline. Runs
 * just before Spring Cloud Gateway's own load-balancer filter, which then finds an instance
 * address instead of {@code lb://} and lets it pass.
 */
public final class EdgeResilienceFilter implements GlobalFilter, Ordered {

	/** Just before Spring Cloud Gateway's load-balancer filter. */
	public static final int ORDER = ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER - 1;

	private static final Duration RETRY_MARGIN = Duration.ofMillis(5);

	private static final Duration NO_TIMEOUT = Duration.ofDays(1);

	private final DiscoveryClient discovery;

	private final EdgePolicies policies;

	private final HttpClientProperties httpClient;

	private final Map<String, InstancePool> pools = new ConcurrentHashMap<>();

	private final Map<String, RouteState> routes = new ConcurrentHashMap<>();

	public EdgeResilienceFilter(DiscoveryClient discovery, EdgePolicies policies, HttpClientProperties httpClient) {
		this.discovery = discovery;
		this.policies = policies;
		this.httpClient = httpClient;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (url == null || route == null || !"lb".equals(url.getScheme()) || url.getHost() == null) {
			return chain.filter(exchange);
		}
		EdgePolicy policy = this.policies.get();
		RouteState state = this.routes.compute(route.getId(),
				(id, existing) -> (existing != null && existing.policy == policy) ? existing
						: new RouteState(policy, existing));
		int limit = metadataInt(route, "concurrency-limit", policy.concurrencyLimit());
		if (state.inflight.incrementAndGet() > limit) {
			state.inflight.decrementAndGet();
			return Mono.error(new MeshErrorException(MeshError.concurrencyLimit(url.getHost(), limit)));
		}
		state.budget.recordRequest();
		Call call = new Call(exchange, chain, url, route, policy, state);
		return call.withBody().doFinally((signal) -> state.inflight.decrementAndGet());
	}

	private Duration routeTimeout(Route route) {
		Object perRoute = route.getMetadata().get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR);
		if (perRoute != null) {
			long millis = Long.parseLong(perRoute.toString().trim());
			return (millis < 0) ? NO_TIMEOUT : Duration.ofMillis(millis);
		}
		return (this.httpClient.getResponseTimeout() != null) ? this.httpClient.getResponseTimeout() : NO_TIMEOUT;
	}

	private static int metadataInt(Route route, String key, int fallback) {
		Object value = route.getMetadata().get(key);
		if (value == null) {
			return fallback;
		}
		try {
			return Integer.parseInt(value.toString().trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException("route " + route.getId() + ": metadata." + key
					+ " must be a whole number, got '" + value + "'");
		}
	}

	private List<Endpoint> endpoints(String service) {
		List<ServiceInstance> instances = this.discovery.getInstances(service);
		List<Endpoint> endpoints = new ArrayList<>(instances.size());
		for (ServiceInstance instance : instances) {
			String id = (instance.getInstanceId() != null) ? instance.getInstanceId()
					: instance.getHost() + ":" + instance.getPort();
			endpoints.add(new Endpoint(id, instance.getHost(), instance.getPort(), instance.getMetadata().get("zone")));
		}
		return endpoints;
	}

	/** Per route: the retry budget and the requests in flight, kept across policy changes. */
	private static final class RouteState {

		final EdgePolicy policy;

		final RetryBudget budget;

		final AtomicInteger inflight;

		RouteState(EdgePolicy policy, RouteState previous) {
			this.policy = policy;
			this.budget = policy.retries().newBudget();
			this.inflight = (previous != null) ? previous.inflight : new AtomicInteger();
		}

	}

	/** One request through the route, over all its attempts. */
	private final class Call {

		final ServerWebExchange exchange;

		final GatewayFilterChain chain;

		final URI url;

		final String service;

		final EdgePolicy policy;

		final RouteState state;

		final InstancePool pool;

		final Deadline deadline;

		final Duration timeout;

		final int attempts;

		final boolean hasIdempotencyKey;

		final Set<String> tried = new HashSet<>(4);

		/** The body kept for replay; {@code null} when it is streamed and cannot be sent twice. */
		byte[] body;

		Throwable lastFailure;

		Call(ServerWebExchange exchange, GatewayFilterChain chain, URI url, Route route, EdgePolicy policy,
				RouteState state) {
			this.exchange = exchange;
			this.chain = chain;
			this.url = url;
			this.service = url.getHost();
			this.policy = policy;
			this.state = state;
			this.pool = EdgeResilienceFilter.this.pools.computeIfAbsent(this.service, (name) -> new InstancePool());
			this.timeout = routeTimeout(route);
			HttpHeaders headers = exchange.getRequest().getHeaders();
			this.deadline = Deadline.of(this.timeout, headers.getFirst(Deadline.HEADER));
			this.attempts = metadataInt(route, "retries", policy.retries().attempts());
			this.hasIdempotencyKey = headers.containsHeader(RetryRules.IDEMPOTENCY_KEY);
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
				this.body = new byte[0];
				return attempt(0);
			}
			return DataBufferUtils.join(this.exchange.getRequest().getBody()).map((joined) -> {
				byte[] bytes = new byte[joined.readableByteCount()];
				joined.read(bytes);
				DataBufferUtils.release(joined);
				return bytes;
			}).defaultIfEmpty(new byte[0]).flatMap((bytes) -> {
				this.body = bytes;
				return attempt(0);
			});
		}

		Mono<Void> attempt(int retry) {
			List<Endpoint> endpoints = endpoints(this.service);
			Endpoint untried = this.pool.choose(endpoints, this.tried, null, this.policy.loadBalancing());
			Endpoint endpoint = (untried != null || this.tried.isEmpty()) ? untried
					: this.pool.choose(endpoints, Set.of(), null, this.policy.loadBalancing());
			if (endpoint == null) {
				return Mono.error((this.lastFailure != null) ? this.lastFailure
						: NotFoundException.create(false, "Unable to find instance for " + this.service));
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
					return Flux.defer(() -> Flux.just(EdgeResilienceFilter.Call.this.exchange.getResponse()
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
					|| this.exchange.getResponse().isCommitted() || !this.state.budget.tryAcquireRetry()) {
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
			if (!this.state.budget.tryAcquireRetry()) {
				return Mono.error(new MeshErrorException(MeshError.retryBudgetExhausted(this.service,
						"service '" + this.service + "' failed: " + failure.getClass().getSimpleName())));
			}
			ServerWebExchangeUtils.reset(this.exchange);
			return backoff(retry).then(Mono.defer(() -> attempt(retry + 1)));
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

	}

	private static boolean isConnectFailure(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < 16; depth++) {
			if (current instanceof java.net.ConnectException) {
				return true;
			}
			current = current.getCause();
		}
		return false;
	}

}
