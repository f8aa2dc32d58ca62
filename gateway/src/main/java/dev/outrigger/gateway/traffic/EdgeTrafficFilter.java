package dev.outrigger.gateway.traffic;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;
import java.util.function.Predicate;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import dev.outrigger.core.error.MeshError;
import dev.outrigger.core.traffic.Fault;
import dev.outrigger.core.traffic.HeaderEditor;
import dev.outrigger.core.traffic.RateLimiter;
import dev.outrigger.core.traffic.TrafficRequest;
import dev.outrigger.core.traffic.TrafficRules;
import dev.outrigger.gateway.error.EdgeRefusal;
import dev.outrigger.gateway.resilience.ServiceEndpoints;

/**
 * Applies a route's traffic policy as a request comes in, before the route's own filters and
 * so before its circuit breaker, which must not count refusals made on purpose: the rate
 * limit ({@code 429 rate_limited}), the version choice and mirror decision, and injected
 * faults. The answer's header rules are applied as it leaves.
 */
public final class EdgeTrafficFilter implements GlobalFilter, Ordered {

	/** Ahead of every route filter (Spring Cloud Gateway numbers those from 1). */
	public static final int ORDER = 0;

	/** Request header that names a caller for its own rate-limit bucket; else its address. */
	public static final String API_KEY = "X-Api-Key";

	private final RoutePolicies policies;

	private final EdgeRateLimiter limiter;

	private final ServiceEndpoints endpoints;

	EdgeTrafficFilter(RoutePolicies policies, EdgeRateLimiter limiter, ServiceEndpoints endpoints) {
		this.policies = policies;
		this.limiter = limiter;
		this.endpoints = endpoints;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		RouteTraffic traffic = this.policies.forExchange(exchange);
		if (traffic == null) {
			return chain.filter(exchange);
		}
		Route route = exchange.getRequiredAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		String service = service(route);
		HeaderEditor responseHeaders = traffic.rules().responseHeaders();
		if (!responseHeaders.isOff()) {
			exchange.getResponse().beforeCommit(() -> {
				responseHeaders.apply(EdgeHeaders.of(exchange.getResponse().getHeaders()));
				return Mono.empty();
			});
		}
		if (traffic.limiter() == null) {
			return admitted(exchange, chain, traffic.rules(), route, service);
		}
		return this.limiter.take(traffic, caller(exchange))
			.flatMap((wait) -> (wait > 0) ? refused(exchange, service, wait)
					: admitted(exchange, chain, traffic.rules(), route, service));
	}

	private Mono<Void> admitted(ServerWebExchange exchange, GatewayFilterChain chain, TrafficRules rules, Route route,
			String service) {
		TrafficRequest request = new ExchangeTrafficRequest(exchange.getRequest());
		if ("lb".equals(route.getUri().getScheme())) {
			String version = rules.versions().isOff() ? null : rules.versions().select(request, registered(service));
			new TrafficDecision(version, rules.mirrorVersion()).storeIn(exchange);
		}
		Fault fault = rules.faults().decide(request);
		Mono<Void> next = fault.aborts()
				? EdgeRefusal.refuse(exchange, MeshError.faultInjected(service, fault.abortStatus()))
				: Mono.defer(() -> chain.filter(exchange));
		return fault.delays() ? Mono.delay(fault.delay()).then(next) : next;
	}

	private static Mono<Void> refused(ServerWebExchange exchange, String service, long waitNanos) {
		long seconds = RateLimiter.retryAfterSeconds(waitNanos);
		// Kept by the error handler on a 429, which clears every other header.
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return EdgeRefusal.refuse(exchange, MeshError.rateLimited(service, seconds));
	}

	/** Looks the registered versions up once per request, and only if the split asks. */
	private Predicate<String> registered(String service) {
		return new Predicate<>() {

			private Set<String> versions;

			@Override
			public boolean test(String version) {
				if (this.versions == null) {
					this.versions = EdgeTrafficFilter.this.endpoints.registeredVersions(service);
				}
				return this.versions.contains(version);
			}

		};
	}

	private static String caller(ServerWebExchange exchange) {
		String apiKey = exchange.getRequest().getHeaders().getFirst(API_KEY);
		if (apiKey != null && !apiKey.isBlank()) {
			return "key:" + apiKey;
		}
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? "ip:" + remote.getAddress().getHostAddress()
				: "ip:unknown";
	}

	private static String service(Route route) {
		URI uri = route.getUri();
		return (uri.getHost() != null) ? uri.getHost() : route.getId();
	}

}
