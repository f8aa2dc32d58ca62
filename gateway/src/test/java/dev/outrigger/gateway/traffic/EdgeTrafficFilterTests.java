package dev.outrigger.gateway.traffic;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.core.env.StandardEnvironment;

import dev.outrigger.core.error.MeshErrorException;
import dev.outrigger.gateway.resilience.ServiceEndpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

class EdgeTrafficFilterTests {

	private final RoutePolicies policies = new RoutePolicies(Flux::empty, new StandardEnvironment());

	@SuppressWarnings("unchecked")
	private final EdgeTrafficFilter filter = new EdgeTrafficFilter(this.policies, new EdgeRateLimiter(null),
			new ServiceEndpoints(mock(DiscoveryClient.class), mock(ObjectProvider.class)));

	private final AtomicInteger forwarded = new AtomicInteger();

	private final GatewayFilterChain chain = (exchange) -> {
		this.forwarded.incrementAndGet();
		return Mono.empty();
	};

	@Test
	void aRequestOverTheLimitIsRefusedWith429AndRetryAfter() {
		Route route = route(Map.of("rate-limit", Map.of("per-second", "0.5", "burst", "1")));
		this.filter.filter(exchange(route, "alice"), this.chain).block();
		ServerWebExchange refused = exchange(route, "alice");

		assertThatExceptionOfType(MeshErrorException.class)
			.isThrownBy(() -> this.filter.filter(refused, this.chain).block())
			.satisfies((ex) -> assertThat(ex.error().error()).isEqualTo("rate_limited"));
		assertThat(refused.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("2");
		assertThat(this.forwarded).hasValue(1);
		this.filter.filter(exchange(route, "bob"), this.chain).block();
		assertThat(this.forwarded).hasValue(2);
	}

	@Test
	void aMatchingHeaderPinsTheVersionForTheInstanceChoice() {
		Route route = route(Map.of("match", Map.of("0", Map.of("header", "x-canary", "version", "v2"))));
		ServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/api/shop/items").header("x-canary", "yes"));
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);

		this.filter.filter(exchange, this.chain).block();

		assertThat(TrafficDecision.of(exchange).version()).isEqualTo("v2");
	}

	@Test
	void anAbortAnswersWithTheConfiguredStatusAndNeverForwards() {
		Route route = route(Map.of("fault", Map.of("abort", Map.of("percent", "100", "status", "418"))));

		assertThatExceptionOfType(MeshErrorException.class)
			.isThrownBy(() -> this.filter.filter(exchange(route, "alice"), this.chain).block())
			.satisfies((ex) -> assertThat(ex.error().status()).isEqualTo(418));
		assertThat(this.forwarded).hasValue(0);
	}

	@Test
	void aRouteWithoutPolicyPassesUntouched() {
		this.filter.filter(exchange(route(Map.of()), "alice"), this.chain).block();

		assertThat(this.forwarded).hasValue(1);
	}

	private static Route route(Map<String, Object> metadata) {
		return Route.async().id("shop").uri(URI.create("lb://shop")).predicate((exchange) -> true)
			.metadata(metadata).build();
	}

	private static ServerWebExchange exchange(Route route, String apiKey) {
		ServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/api/shop/items").header(EdgeTrafficFilter.API_KEY, apiKey));
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
		return exchange;
	}

}
