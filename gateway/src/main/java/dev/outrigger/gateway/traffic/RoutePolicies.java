package dev.outrigger.gateway.traffic;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.web.server.ServerWebExchange;

import dev.outrigger.core.policy.BindFailures;
import dev.outrigger.core.policy.RouteMetadata;
import dev.outrigger.core.policy.RoutePolicy;
import dev.outrigger.core.traffic.TrafficPolicy;

/**
 * The policy of each route, bound from the route's {@code metadata} (over the service's own
 * policy and the gateway's) when the route is first seen and again when its metadata or the
 * configuration changes. A policy that does not bind is refused with an error that names the
 * route and the key; the route keeps its previous policy, if it had one, every other route is
 * unaffected, and {@link #refused()} lists it.
 */
public final class RoutePolicies implements ApplicationListener<ApplicationEvent> {

	private static final Log logger = LogFactory.getLog(RoutePolicies.class);

	private final RouteLocator routes;

	private final Environment environment;

	private final Map<String, Bound> byRoute = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	public RoutePolicies(RouteLocator routes, Environment environment) {
		this.routes = routes;
		this.environment = environment;
	}

	/** The resilience policy of {@code route}; the gateway's own when the route sets none or its metadata was refused. */
	public RoutePolicy resilience(Route route) {
		return bound(route).policy;
	}

	/** Per route whose policy was refused, why. */
	public Map<String, String> refused() {
		Map<String, String> refused = new TreeMap<>();
		this.byRoute.forEach((id, bound) -> {
			if (bound.refusal != null) {
				refused.put(id, bound.refusal);
			}
		});
		return refused;
	}

	/** The traffic policy of the exchange's route, or {@code null} when it has none or no route matched. */
	public RouteTraffic forExchange(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return (route != null) ? forRoute(route) : null;
	}

	/** The traffic policy of {@code route}, compiled, or {@code null} when it has none. */
	public RouteTraffic forRoute(Route route) {
		return bound(route).traffic;
	}

	/** The policies of {@code route}, bound once per route object and configuration generation. */
	private Bound bound(Route route) {
		Bound known = this.byRoute.get(route.getId());
		long now = this.generation.get();
		if (known != null && known.route == route && known.generation == now) {
			return known;
		}
		return this.byRoute.compute(route.getId(), (id, previous) -> bind(route, previous, now));
	}

	/**
	 * Binds the policies of the routes as soon as they are rebuilt, so a bad one is reported at
	 * once, and again after any configuration change (the service's or the gateway's policy).
	 */
	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof EnvironmentChangeEvent) {
			this.generation.incrementAndGet();
			return;
		}
		if (!(event instanceof RefreshRoutesResultEvent refreshed) || !refreshed.isSuccess()) {
			return;
		}
		this.routes.getRoutes().collectList().subscribe((current) -> {
			current.forEach(this::forRoute);
			Set<String> ids = current.stream().map(Route::getId).collect(Collectors.toSet());
			this.byRoute.keySet().retainAll(ids);
		});
	}

	private Bound bind(Route route, Bound previous, long generation) {
		String service = "lb".equals(route.getUri().getScheme()) ? route.getUri().getHost() : null;
		try {
			RouteMetadata.Bound bound = RouteMetadata.bind(route.getMetadata(), service,
					ConfigurationPropertySources.get(this.environment), BindHandler.DEFAULT)
				.requireAllRead();
			TrafficPolicy policy = bound.traffic();
			if (previous != null && previous.policy.equals(bound.policy())
					&& previous.traffic != null && previous.traffic.policy().equals(policy)) {
				return new Bound(route, generation, bound.policy(), previous.traffic, null);
			}
			if (policy.isOff()) {
				return new Bound(route, generation, bound.policy(), null, null);
			}
			logger.info("Route '" + route.getId() + "': traffic policy " + policy);
			boolean versioned = !policy.split().isEmpty() || !policy.match().isEmpty() || !policy.mirror().isOff();
			if (versioned && service == null) {
				logger.warn("Route '" + route.getId() + "': split, match and mirror choose among the instances of "
						+ "an lb:// service; they do nothing for " + route.getUri());
			}
			RouteTraffic traffic = RouteTraffic.compile(route.getId(), policy,
					(previous != null) ? previous.traffic : null);
			return new Bound(route, generation, bound.policy(), traffic, null);
		}
		catch (RuntimeException ex) {
			String reason = describe(ex);
			boolean kept = previous != null;
			logger.error("Route '" + route.getId() + "': refusing its policy, " + reason
					+ (kept ? "; keeping the previous policy" : "; the route runs with the gateway's policy"));
			return new Bound(route, generation, (previous != null) ? previous.policy : defaults(),
					(previous != null) ? previous.traffic : null, reason);
		}
	}

	/** The gateway's own policy, for a route whose metadata never bound. */
	private RoutePolicy defaults() {
		return RouteMetadata.bind(Map.of(), null, ConfigurationPropertySources.get(this.environment), BindHandler.DEFAULT)
			.policy();
	}

	/** "metadata.split: weights ... must add up to 100" from the binder's nested failure. */
	static String describe(RuntimeException failure) {
		String described = BindFailures.describe(failure);
		return described.startsWith(RouteMetadata.PREFIX + ".")
				? "metadata." + described.substring(RouteMetadata.PREFIX.length() + 1) : described;
	}

	/**
	 * A route's policies, the route (Spring Cloud Gateway builds new ones when routes change, and
	 * hands out a new view of the metadata on every call) and configuration generation they were
	 * bound from, and why they were refused.
	 */
	private record Bound(Route route, long generation, RoutePolicy policy, RouteTraffic traffic, String refusal) {
	}

}
