package dev.outrigger.gateway.resilience;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.outrigger.gateway.traffic.RoutePolicies;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTimeoutsFilterTests {

	private final RouteTimeoutsFilter filter = new RouteTimeoutsFilter(
			new RoutePolicies(Flux::empty, new StandardEnvironment()));

	@Test
	void handsSpringCloudGatewayTheRoutesDurationsInMilliseconds() {
		Route route = route(Map.of("response-timeout", "2s", "connect-timeout", "750", "split", Map.of("v1", "100")));

		Route sent = send(route);

		assertThat(sent.getMetadata()).containsEntry("response-timeout", 2000L)
			.containsEntry("connect-timeout", 750)
			.containsEntry("split", Map.of("v1", "100"));
		assertThat(sent.getId()).isEqualTo(route.getId());
		assertThat(sent.getUri()).isEqualTo(route.getUri());
		assertThat(sent.getFilters()).isEqualTo(route.getFilters());
	}

	@Test
	void leavesARouteWithoutTimeoutsAsItIs() {
		Route route = route(Map.of());

		assertThat(send(route)).isSameAs(route);
	}

	@Test
	void putsTheRouteItselfBackOnceTheRequestIsAssembled() {
		Route route = route(Map.of("response-timeout", "1s"));
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/shop/items"));
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);

		this.filter.filter(exchange, (filtered) -> Mono.empty()).block();

		assertThat((Route) exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR)).isSameAs(route);
	}

	@Test
	void copiesARouteOnceForTheSamePolicy() {
		Route route = route(Map.of("response-timeout", "1s"));

		assertThat(send(route)).isSameAs(send(route));
	}

	private Route send(Route route) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/shop/items"));
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
		AtomicReference<Route> seen = new AtomicReference<>();
		this.filter.filter(exchange, (filtered) -> {
			seen.set(filtered.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR));
			return Mono.empty();
		}).block();
		return seen.get();
	}

	private static Route route(Map<String, Object> metadata) {
		return Route.async()
			.id("shop")
			.uri("lb://catalog")
			.predicate((exchange) -> true)
			.metadata(metadata)
			.build();
	}

}
