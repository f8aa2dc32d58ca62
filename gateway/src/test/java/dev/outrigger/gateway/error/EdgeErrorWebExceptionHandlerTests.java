package dev.outrigger.gateway.error;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EdgeErrorWebExceptionHandlerTests {

	private final EdgeErrorWebExceptionHandler handler = new EdgeErrorWebExceptionHandler(new EdgeErrorClassifier(),
			httpClient(Duration.ofSeconds(5)));

	@Test
	void noInstanceAnswers503JsonNamingTheServiceOfTheMatchedRoute() {
		MockServerWebExchange exchange = routed("/api/catalog/items/1", route("lb://catalog", Map.of()));

		handle(exchange, NotFoundException.create(false, "Unable to find instance for catalog"));

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(exchange.getResponse().getHeaders().getFirst("X-Outrigger-Error")).isEqualTo("no_healthy_instance");
		assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(exchange.getResponse().getBodyAsString().block())
			.isEqualTo("{\"status\":503,\"error\":\"no_healthy_instance\","
					+ "\"message\":\"no healthy instance of service 'catalog'\",\"service\":\"catalog\"}");
	}

	@Test
	void unroutedPathAnswers404RouteNotFound() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/payments/x"));

		handle(exchange, new ResponseStatusException(HttpStatus.NOT_FOUND));

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(exchange.getResponse().getHeaders().getFirst("X-Outrigger-Error")).isEqualTo("route_not_found");
		assertThat(exchange.getResponse().getBodyAsString().block()).contains("/api/payments/x")
			.doesNotContain("\"service\"");
	}

	@Test
	void timeoutNamesTheRoutesOwnResponseTimeout() {
		Route route = route("lb://catalog", Map.of("response-timeout", 250));
		MockServerWebExchange exchange = routed("/api/catalog/slow", route);

		handle(exchange, new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "timeout", new TimeoutException()));

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
		assertThat(exchange.getResponse().getBodyAsString().block()).contains("within 250 ms");
	}

	@Test
	void timeoutFallsBackToTheGatewayWideResponseTimeout() {
		MockServerWebExchange exchange = routed("/api/catalog/slow", route("lb://catalog", Map.of()));

		handle(exchange, new java.util.concurrent.TimeoutException());

		assertThat(exchange.getResponse().getBodyAsString().block()).contains("within 5000 ms");
	}

	@Test
	void malformedRouteTimeoutStillAnswersJson() {
		MockServerWebExchange exchange = routed("/api/catalog/slow",
				route("lb://catalog", Map.of("response-timeout", "5 seconds")));

		handle(exchange, new java.util.concurrent.TimeoutException());

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
		assertThat(exchange.getResponse().getBodyAsString().block()).contains("within 5000 ms");
	}

	@Test
	void serviceComesFromTheRequestUrlWhenNoRouteIsKnown() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/orders/1"));
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, URI.create("lb://orders/1"));

		handle(exchange, new ConnectException("refused"));

		assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"service\":\"orders\"");
	}

	@Test
	void unexpectedFailureAnswers500WithoutStackTrace() {
		MockServerWebExchange exchange = routed("/api/catalog/items", route("lb://catalog", Map.of()));

		handle(exchange, new IllegalStateException("boom at dev.outrigger.Secret"));

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(exchange.getResponse().getHeaders().getFirst("X-Outrigger-Error")).isEqualTo("internal_error");
		assertThat(exchange.getResponse().getBodyAsString().block()).doesNotContain("boom")
			.doesNotContain("Exception")
			.doesNotContain("at dev.");
	}

	@Test
	void headersSetBeforeTheFailureAreDropped() {
		MockServerWebExchange exchange = routed("/api/catalog/items", route("lb://catalog", Map.of()));
		exchange.getResponse().getHeaders().set(HttpHeaders.CONTENT_LENGTH, "99999");
		exchange.getResponse().getHeaders().setContentType(MediaType.TEXT_HTML);

		handle(exchange, new ConnectException("refused"));

		HttpHeaders headers = exchange.getResponse().getHeaders();
		assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(headers.getFirst(HttpHeaders.CONTENT_LENGTH)).isNotEqualTo("99999");
	}

	@Test
	void committedResponseIsLeftAloneAndTheFailurePropagates() {
		MockServerWebExchange exchange = routed("/api/catalog/items", route("lb://catalog", Map.of()));
		exchange.getResponse().setComplete().block();
		IllegalStateException failure = new IllegalStateException("late");

		assertThatIllegalStateException().isThrownBy(() -> this.handler.handle(exchange, failure).block())
			.isSameAs(failure);
	}

	@Test
	void runsBeforeSpringBootsDefaultErrorHandler() {
		assertThat(this.handler.getOrder()).isLessThan(-1);
	}

	private void handle(MockServerWebExchange exchange, Throwable failure) {
		this.handler.handle(exchange, failure).block(Duration.ofSeconds(5));
	}

	private static MockServerWebExchange routed(String path, Route route) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(path));
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
		return exchange;
	}

	private static Route route(String uri, Map<String, Object> metadata) {
		return Route.async().id("test").uri(uri).predicate((exchange) -> true).metadata(metadata).build();
	}

	private static HttpClientProperties httpClient(Duration responseTimeout) {
		HttpClientProperties properties = new HttpClientProperties();
		properties.setResponseTimeout(responseTimeout);
		return properties;
	}

}
