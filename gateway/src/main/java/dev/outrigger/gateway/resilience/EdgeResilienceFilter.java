package dev.outrigger.gateway.resilience;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import dev.outrigger.core.error.MeshError;
import dev.outrigger.core.policy.EdgePolicy;
import dev.outrigger.core.policy.RoutePolicy;
import dev.outrigger.core.resilience.Deadline;
import dev.outrigger.core.resilience.Endpoint;
import dev.outrigger.core.resilience.InstancePool;
import dev.outrigger.core.resilience.RetryBudget;
import dev.outrigger.core.resilience.RetryPolicy;
import dev.outrigger.core.resilience.RetryRules;
import dev.outrigger.core.resilience.RetryingCall;
import dev.outrigger.gateway.error.EdgeRefusal;
import dev.outrigger.gateway.traffic.RoutePolicies;
import dev.outrigger.gateway.traffic.TrafficDecision;
import dev.outrigger.gateway.traffic.TrafficMirror;

/**
 * Sends each request of an {@code lb://} route to an instance chosen by the mesh's balancer
 * (outlier ejection, least-loaded or round-robin) among the instances of the version the
 * traffic policy chose, if it chose one, and tries it again on another instance when the
 * mesh's retry rules allow it, within the route's retry budget and its one deadline. Runs
 * just before Spring Cloud Gateway's own load-balancer filter, which then finds an instance
 * address instead of {@code lb://} and lets it pass.
 */
public final class EdgeResilienceFilter implements GlobalFilter, Ordered {

	/** Just before Spring Cloud Gateway's load-balancer filter. */
	public static final int ORDER = ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER - 1;

	private static final Duration NO_TIMEOUT = Duration.ofDays(1);

	private final ServiceEndpoints endpoints;

	private final EdgePolicies policies;

	private final RoutePolicies routePolicies;

	private final HttpClientProperties httpClient;

	private final TrafficMirror mirror;

	private final Map<String, InstancePool> pools = new ConcurrentHashMap<>();

	private final Map<String, RouteState> routes = new ConcurrentHashMap<>();

	public EdgeResilienceFilter(ServiceEndpoints endpoints, EdgePolicies policies, RoutePolicies routePolicies,
			HttpClientProperties httpClient, TrafficMirror mirror) {
		this.endpoints = endpoints;
		this.policies = policies;
		this.routePolicies = routePolicies;
		this.httpClient = httpClient;
		this.mirror = mirror;
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
		RoutePolicy routePolicy = this.routePolicies.resilience(route);
		RetryPolicy retries = routePolicy.retries();
		RouteState state = this.routes.get(route.getId());
		if (state == null || !state.retries.equals(retries)) {
			state = this.routes.compute(route.getId(),
					(id, existing) -> (existing != null && existing.retries.equals(retries)) ? existing
							: new RouteState(retries, existing));
		}
		int limit = (routePolicy.concurrencyLimit() != null) ? routePolicy.concurrencyLimit()
				: policy.concurrencyLimit();
		if (state.inflight.incrementAndGet() > limit) {
			state.inflight.decrementAndGet();
			return EdgeRefusal.refuse(exchange, MeshError.concurrencyLimit(url.getHost(), limit));
		}
		TrafficDecision traffic = TrafficDecision.of(exchange);
		Duration timeout = routeTimeout(routePolicy);
		RetryingCall retrying = retrying(exchange, url, routePolicy, policy, state.budget, timeout,
				traffic.version());
		EdgeCall call = new EdgeCall(exchange, chain, url, retrying, timeout, traffic.version(),
				mirror(exchange, url, traffic.mirrorVersion()));
		AtomicInteger inflight = state.inflight;
		return call.withBody().doFinally((signal) -> inflight.decrementAndGet());
	}

	private RetryingCall retrying(ServerWebExchange exchange, URI url, RoutePolicy route, EdgePolicy policy,
			RetryBudget budget, Duration timeout, String version) {
		String service = url.getHost();
		InstancePool pool = this.pools.computeIfAbsent(service, (name) -> new InstancePool());
		RetryingCall.Instances instances = new RetryingCall.Instances(service, pool,
				() -> ofVersion(this.endpoints.up(service), version), null, policy.loadBalancing(), policy.outlier());
		HttpHeaders headers = exchange.getRequest().getHeaders();
		Deadline deadline = Deadline.of(timeout, headers.getFirst(Deadline.HEADER));
		return new RetryingCall(route.retries(), budget, deadline, instances, exchange.getRequest().getMethod().name(),
				headers.containsHeader(RetryRules.IDEMPOTENCY_KEY));
	}

	private Duration routeTimeout(RoutePolicy route) {
		if (route.responseTimeout() != null) {
			return route.responseTimeout().isNegative() ? NO_TIMEOUT : route.responseTimeout();
		}
		return (this.httpClient.getResponseTimeout() != null) ? this.httpClient.getResponseTimeout() : NO_TIMEOUT;
	}

	/** Sends a copy of the request, once its body is known, to an instance of {@code version}. */
	private Consumer<byte[]> mirror(ServerWebExchange exchange, URI url, String version) {
		if (version == null) {
			return null;
		}
		return (body) -> {
			List<Endpoint> targets = ofVersion(this.endpoints.up(url.getHost()), version);
			if (targets.isEmpty()) {
				return;
			}
			Endpoint target = targets.get(ThreadLocalRandom.current().nextInt(targets.size()));
			String pathAndQuery = url.getRawPath() + ((url.getRawQuery() != null) ? "?" + url.getRawQuery() : "");
			ServerHttpRequest request = exchange.getRequest();
			this.mirror.send(target, request.getMethod(), pathAndQuery, request.getHeaders(), body);
		};
	}

	private static List<Endpoint> ofVersion(List<Endpoint> endpoints, String version) {
		if (version == null) {
			return endpoints;
		}
		List<Endpoint> matching = new ArrayList<>(endpoints.size());
		for (Endpoint endpoint : endpoints) {
			if (version.equals(endpoint.version())) {
				matching.add(endpoint);
			}
		}
		return matching;
	}

	/** Per route: the retry budget of its retry policy and the requests in flight, kept across policy changes. */
	private static final class RouteState {

		final RetryPolicy retries;

		final RetryBudget budget;

		final AtomicInteger inflight;

		RouteState(RetryPolicy retries, RouteState previous) {
			this.retries = retries;
			this.budget = retries.newBudget();
			this.inflight = (previous != null) ? previous.inflight : new AtomicInteger();
		}

	}

}
