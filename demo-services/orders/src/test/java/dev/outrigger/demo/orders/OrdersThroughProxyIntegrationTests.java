package dev.outrigger.demo.orders;

import java.net.http.HttpResponse;

import dev.outrigger.demo.orders.FakeHttpServer.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders with its sidecar as an HTTP forward proxy, the way {@code HTTP_PROXY} sets it up,
 * and the default service-name base URLs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "orders.mesh-url=")
class OrdersThroughProxyIntegrationTests {

	private static final FakeHttpServer sidecar = FakeHttpServer.start(FakeDependencies::viaProxy);

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void sidecar(DynamicPropertyRegistry registry) {
		registry.add("orders.http-proxy", sidecar::url);
	}

	@AfterAll
	static void stopSidecar() {
		sidecar.close();
	}

	@BeforeEach
	void forget() {
		sidecar.answer(FakeDependencies::viaProxy);
	}

	@Test
	void quotesThroughTheProxyPassingOnTraceAndDeadline() {
		HttpResponse<String> response = new OrdersHttp(this.port).get("/orders/quote?itemId=2&quantity=3",
				"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "x-outrigger-deadline-ms",
				"450");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(
				"{\"itemId\":2,\"quantity\":3,\"unitPrice\":34.90,\"total\":104.70,\"catalogVersion\":\"v1\"}");
		assertThat(sidecar.requests()).extracting(Request::requestLine).containsExactly("GET http://catalog/items/2");
		Request call = sidecar.requests().get(0);
		assertThat(call.header("traceparent")).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		assertThat(call.header("x-outrigger-deadline-ms")).isEqualTo("450");
	}

	@Test
	void sendsBothCallsToTheProxyInAbsoluteFormByServiceName() {
		HttpResponse<String> response = new OrdersHttp(this.port).postOrder("{\"itemId\": 1, \"quantity\": 2}",
				"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.body()).contains("\"total\":25.00", FakeDependencies.PAYMENT_ID);
		assertThat(sidecar.requests()).extracting(Request::requestLine)
			.containsExactly("GET http://catalog/items/1", "POST http://payments/payments");
		assertThat(sidecar.requests()).extracting((request) -> request.header("Host"))
			.containsExactly("catalog", "payments");
		assertThat(sidecar.requests()).extracting((request) -> request.header("traceparent"))
			.containsOnly("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
	}

}
