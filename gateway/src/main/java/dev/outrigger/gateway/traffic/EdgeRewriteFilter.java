package dev.outrigger.gateway.traffic;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import dev.outrigger.core.traffic.TrafficRules;

/**
 * Applies a route's {@code request-headers} and {@code rewrite-path} rules after the route's
 * own filters, so that they act on the request the service receives (a rewrite sees the path
 * after, say, {@code StripPrefix}), just before the gateway resolves the request URL.
 */
public final class EdgeRewriteFilter implements GlobalFilter, Ordered {

	/** After the route's filters, before the request URL is computed from the route. */
	public static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER - 1;

	private final RoutePolicies policies;

	EdgeRewriteFilter(RoutePolicies policies) {
		this.policies = policies;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		RouteTraffic traffic = this.policies.forExchange(exchange);
		if (traffic == null || (traffic.rules().requestHeaders().isOff() && traffic.rules().pathRewriter().isOff())) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate().request(rewrite(exchange, traffic.rules())).build());
	}

	private static ServerHttpRequest rewrite(ServerWebExchange exchange, TrafficRules rules) {
		ServerHttpRequest request = exchange.getRequest();
		ServerHttpRequest.Builder builder = request.mutate();
		if (!rules.pathRewriter().isOff()) {
			URI uri = request.getURI();
			String target = uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
			String rewritten = rules.pathRewriter().rewrite(target);
			if (!rewritten.equals(target)) {
				ServerWebExchangeUtils.addOriginalRequestUrl(exchange, uri);
				builder.uri(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + rewritten));
			}
		}
		if (!rules.requestHeaders().isOff()) {
			builder.headers((headers) -> rules.requestHeaders().apply(EdgeHeaders.of(headers)));
		}
		return builder.build();
	}

}
