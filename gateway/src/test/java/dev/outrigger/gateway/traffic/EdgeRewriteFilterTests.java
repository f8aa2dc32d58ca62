package dev.outrigger.gateway.traffic;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeRewriteFilterTests {

	private final EdgeRewriteFilter filter = new EdgeRewriteFilter(new RoutePolicies(Flux::empty, new StandardEnvironment()));

	@Test
	void rewritesThePathKeepsTheQueryAndEditsHeaders() {
		Route route = Route.async().id("shop").uri(URI.create("lb://shop")).predicate((exchange) -> true)
			.metadata(Map.of("rewrite-path", Map.of("regex", "^/old/(.*)$", "replacement", "/new/$1"),
					"request-headers", Map.of("add", Map.of("X-Env", "staging"), "remove", List.of("x-debug"))))
			.build();
		ServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("http://edge/old/items/7?size=2").header("x-debug", "1"));
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
		AtomicReference<ServerHttpRequest> forwarded = new AtomicReference<>();

		this.filter.filter(exchange, (next) -> {
			forwarded.set(next.getRequest());
			return Mono.empty();
		}).block();

		assertThat(forwarded.get().getURI().getRawPath()).isEqualTo("/new/items/7");
		assertThat(forwarded.get().getURI().getRawQuery()).isEqualTo("size=2");
		assertThat(forwarded.get().getHeaders().getFirst("X-Env")).isEqualTo("staging");
		assertThat(forwarded.get().getHeaders().containsHeader("x-debug")).isFalse();
	}

}
