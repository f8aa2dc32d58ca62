package dev.outrigger.gateway.proxy;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter.Type;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeHopByHopHeadersFilterTests {

	private final EdgeHopByHopHeadersFilter filter = new EdgeHopByHopHeadersFilter();

	@Test
	void dropsTheMeshsHopByHopHeadersAndTheNamesConnectionLists() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("Connection", "keep-alive, X-Hop-Secret");
		headers.add("Keep-Alive", "timeout=5");
		headers.add("Proxy-Connection", "keep-alive");
		headers.add("Proxy-Authenticate", "Basic");
		headers.add("TE", "trailers");
		headers.add("Upgrade", "h2c");
		headers.add("X-Hop-Secret", "s3cret");
		headers.add("Accept", "application/json");
		headers.add("X-Request-Id", "1");
		headers.add("X-Request-Id", "2");

		HttpHeaders forwarded = this.filter.filter(headers, exchange());

		assertThat(forwarded.headerNames()).containsExactlyInAnyOrder("Accept", "X-Request-Id");
		assertThat(forwarded.get("X-Request-Id")).containsExactly("1", "2");
	}

	@Test
	void appliesToRequestsAndAnswers() {
		assertThat(this.filter.supports(Type.REQUEST)).isTrue();
		assertThat(this.filter.supports(Type.RESPONSE)).isTrue();
	}

	private static MockServerWebExchange exchange() {
		return MockServerWebExchange.from(MockServerHttpRequest.get("/api/shop/items"));
	}

}
