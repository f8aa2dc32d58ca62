package dev.outrigger.gateway.error;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * What is known about a request that failed at the edge.
 *
 * @param path the path the client asked for
 * @param service the destination service, or {@code null} when no route matched
 * @param responseTimeout the response deadline that applied, or {@code null} when none did
 */
record FailedRequest(String path, String service, Duration responseTimeout) {

	/** Reads the failed request from the exchange, falling back to the gateway-wide timeout. */
	static FailedRequest from(ServerWebExchange exchange, Duration defaultTimeout) {
		String path = exchange.getRequest().getPath().value();
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		URI requestUrl = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		return new FailedRequest(path, service(route, requestUrl), timeout(route, defaultTimeout));
	}

	private static String service(Route route, URI requestUrl) {
		// The route URI (lb://catalog) names the service; after load balancing the request
		// URL holds an instance address instead, so it is only the fallback.
		if (route != null && route.getUri().getHost() != null) {
			return route.getUri().getHost();
		}
		return (requestUrl != null) ? requestUrl.getHost() : null;
	}

	private static Duration timeout(Route route, Duration defaultTimeout) {
		Object perRoute = (route != null) ? metadata(route).get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR) : null;
		if (perRoute == null) {
			return defaultTimeout;
		}
		// Same reading as the gateway's NettyRoutingFilter: milliseconds, negative means none.
		Long millis = millis(perRoute);
		if (millis == null) {
			return defaultTimeout;
		}
		return (millis < 0) ? null : Duration.ofMillis(millis);
	}

	private static Long millis(Object value) {
		if (value instanceof Number number) {
			return number.longValue();
		}
		try {
			return Long.parseLong(value.toString().trim());
		}
		catch (NumberFormatException ex) {
			// Describing a failure must not fail itself; the route's own filter reports the typo.
			return null;
		}
	}

	private static Map<String, Object> metadata(Route route) {
		return (route.getMetadata() != null) ? route.getMetadata() : Map.of();
	}

}
