package dev.outrigger.gateway;

import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.PropertiesRouteDefinitionLocator;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Routes that follow the config repo without a gap. Spring Cloud Gateway reads its routes
 * from the {@link GatewayProperties} bean, which a config refresh rebinds in place (its list
 * is cleared, then filled): a route refresh that runs meanwhile (the registry's heartbeat
 * triggers one every time the registry changes) builds an empty route table, and every
 * request answers 404 until the next refresh. Here the routes are bound afresh from the
 * environment at each route refresh, and a config change that touches them asks for one.
 */
@Configuration(proxyBeanMethods = false)
class LiveRoutes {

	static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";

	@Bean
	PropertiesRouteDefinitionLocator propertiesRouteDefinitionLocator(GatewayProperties properties,
			Environment environment) {
		return new EnvironmentRouteDefinitionLocator(properties, environment);
	}

	@Bean
	ApplicationListener<EnvironmentChangeEvent> routesFollowConfig(ApplicationEventPublisher publisher) {
		return (event) -> {
			if (event.getKeys().stream().anyMatch((key) -> key.startsWith("spring.cloud.gateway."))) {
				publisher.publishEvent(new RefreshRoutesEvent(this));
			}
		};
	}

	/** The routes of the environment as it is now: a new list at every refresh, never a half-bound one. */
	static final class EnvironmentRouteDefinitionLocator extends PropertiesRouteDefinitionLocator {

		private final Environment environment;

		EnvironmentRouteDefinitionLocator(GatewayProperties properties, Environment environment) {
			super(properties);
			this.environment = environment;
		}

		@Override
		public Flux<RouteDefinition> getRouteDefinitions() {
			return Flux.defer(() -> Flux.fromIterable(Binder.get(this.environment)
				.bind(ROUTES, Bindable.listOf(RouteDefinition.class))
				.orElseGet(List::of)));
		}

	}

}
