package dev.outrigger.gateway.resilience;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

import dev.outrigger.core.policy.RoutePolicy;
import dev.outrigger.gateway.traffic.RoutePolicies;

/**
 * Hands Spring Cloud Gateway's HTTP client the route's timeouts as it reads them. The mesh
 * reads {@code response-timeout} and {@code connect-timeout} as durations ({@code 2s}, or a bare
 * number of milliseconds) and takes the service's own {@code timeout} when the route sets none;
 * Spring Cloud Gateway parses the metadata values as whole milliseconds on every request, and a
 * {@code 2s} there failed every request of the route. Just before the request leaves, Spring
 * Cloud Gateway is handed a copy of the route whose timeouts are those of its
 * {@link RoutePolicy}, in milliseconds.
 */
public final class RouteTimeoutsFilter implements GlobalFilter, Ordered {

	/** Just before Spring Cloud Gateway sends the request. */
	public static final int ORDER = NettyRoutingFilter.ORDER - 1;

	private final RoutePolicies policies;

	private final Map<String, Copy> copies = new ConcurrentHashMap<>();

	public RouteTimeoutsFilter(RoutePolicies policies) {
		this.policies = policies;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		RoutePolicy policy = (route != null) ? this.policies.resilience(route) : null;
		if (policy == null || (policy.responseTimeout() == null && policy.connectTimeout() == null)) {
			return chain.filter(exchange);
		}
		// The route is put back as this attempt ends, before a retry or any other filter looks.
		Route copy = copy(route, policy);
		Runnable restore = () -> exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
		return Mono.defer(() -> {
			exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, copy);
			return chain.filter(exchange);
		}).doOnEach((signal) -> restore.run()).doOnCancel(restore);
	}

	private Route copy(Route route, RoutePolicy policy) {
		Copy known = this.copies.get(route.getId());
		if (known != null && known.original == route && known.policy.equals(policy)) {
			return known.route;
		}
		Map<String, Object> metadata = new LinkedHashMap<>(route.getMetadata());
		if (policy.responseTimeout() != null) {
			metadata.put(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, policy.responseTimeout().toMillis());
		}
		if (policy.connectTimeout() != null) {
			metadata.put(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) policy.connectTimeout().toMillis());
		}
		Route copy = Route.async()
			.id(route.getId())
			.uri(route.getUri())
			.order(route.getOrder())
			.asyncPredicate(route.getPredicate())
			.replaceFilters(route.getFilters())
			.replaceMetadata(metadata)
			.build();
		this.copies.put(route.getId(), new Copy(route, policy, copy));
		return copy;
	}

	private record Copy(Route original, RoutePolicy policy, Route route) {
	}

}
