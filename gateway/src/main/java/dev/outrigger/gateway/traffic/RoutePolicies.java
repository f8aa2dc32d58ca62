package dev.outrigger.gateway.traffic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.ApplicationListener;
import org.springframework.web.server.ServerWebExchange;

import dev.outrigger.core.traffic.TrafficPolicy;

/**
 * The traffic policy of each route, bound from the route's {@code metadata} when the route is
 * first seen and again only when its traffic keys change. A policy that does not bind is
 * refused with an error that names the route and the key; the route keeps its previous
 * policy, if it had one, and every other route is unaffected.
 */
public final class RoutePolicies implements ApplicationListener<RefreshRoutesResultEvent> {

	private static final Log logger = LogFactory.getLog(RoutePolicies.class);

	private static final String PREFIX = "traffic";

	private final RouteLocator routes;

	private final Map<String, Bound> byRoute = new ConcurrentHashMap<>();

	public RoutePolicies(RouteLocator routes) {
		this.routes = routes;
	}

	/** The traffic policy of the exchange's route, or {@code null} when it has none or no route matched. */
	public RouteTraffic forExchange(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return (route != null) ? forRoute(route) : null;
	}

	/** The traffic policy of {@code route}, compiled, or {@code null} when it has none. */
	public RouteTraffic forRoute(Route route) {
		Bound known = this.byRoute.get(route.getId());
		if (known != null && known.metadata == route.getMetadata()) {
			return known.traffic;
		}
		return this.byRoute.compute(route.getId(), (id, previous) -> bind(route, previous)).traffic;
	}

	/** Binds the policies of the routes as soon as they are rebuilt, so a bad one is reported at once. */
	@Override
	public void onApplicationEvent(RefreshRoutesResultEvent event) {
		if (!event.isSuccess()) {
			return;
		}
		this.routes.getRoutes().collectList().subscribe((current) -> {
			current.forEach(this::forRoute);
			Set<String> ids = current.stream().map(Route::getId).collect(Collectors.toSet());
			this.byRoute.keySet().retainAll(ids);
		});
	}

	private static Bound bind(Route route, Bound previous) {
		Map<String, Object> properties = TrafficMetadata.properties(route.getMetadata());
		if (previous != null && previous.properties.equals(properties)) {
			return new Bound(route.getMetadata(), properties, previous.traffic);
		}
		if (properties.isEmpty()) {
			return new Bound(route.getMetadata(), properties, null);
		}
		try {
			TrafficPolicy policy = new Binder(new MapConfigurationPropertySource(prefixed(properties)))
				.bindOrCreate(PREFIX, TrafficPolicy.class);
			logger.info("Route '" + route.getId() + "': traffic policy " + properties);
			boolean versioned = !policy.split().isEmpty() || !policy.match().isEmpty() || !policy.mirror().isOff();
			if (versioned && !"lb".equals(route.getUri().getScheme())) {
				logger.warn("Route '" + route.getId() + "': split, match and mirror choose among the instances of "
						+ "an lb:// service; they do nothing for " + route.getUri());
			}
			RouteTraffic traffic = RouteTraffic.compile(route.getId(), policy,
					(previous != null) ? previous.traffic : null);
			return new Bound(route.getMetadata(), properties, traffic);
		}
		catch (RuntimeException ex) {
			RouteTraffic kept = (previous != null) ? previous.traffic : null;
			logger.error("Route '" + route.getId() + "': refusing its traffic policy, " + describe(ex)
					+ ((kept != null) ? "; keeping the previous policy" : "; the route runs without one"));
			return new Bound(route.getMetadata(), properties, kept);
		}
	}

	private static Map<String, Object> prefixed(Map<String, Object> properties) {
		Map<String, Object> prefixed = new LinkedHashMap<>();
		properties.forEach((name, value) -> prefixed.put(PREFIX + "." + name, value));
		return prefixed;
	}

	/** "metadata.split: weights ... must add up to 100" from the binder's nested failure. */
	static String describe(RuntimeException failure) {
		BindException bind = (failure instanceof BindException exception) ? exception : null;
		String key = (bind != null) ? bind.getName().toString() : "";
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		String where = key.startsWith(PREFIX + ".") ? "metadata." + key.substring(PREFIX.length() + 1) : "metadata";
		if (bind != null && bind.getProperty() != null) {
			where += " '" + bind.getProperty().getValue() + "' cannot be read";
		}
		return where + ": " + cause.getMessage();
	}

	/** A route's policy and the metadata it was bound from. */
	private record Bound(Map<String, Object> metadata, Map<String, Object> properties, RouteTraffic traffic) {
	}

}
