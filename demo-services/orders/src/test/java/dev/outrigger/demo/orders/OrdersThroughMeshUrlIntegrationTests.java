package dev.outrigger.demo.orders;

import java.net.http.HttpResponse;

import dev.outrigger.demo.orders.FakeHttpServer.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders with no proxy and its sidecar as a URL prefix, the {@code ORDERS_MESH_URL} fallback.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "orders.http-proxy=")
class OrdersThroughMeshUrlIntegrationTests {

	private static final FakeHttpServer sidecar = FakeHttpServer.start(FakeDependencies::viaMeshUrl);

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void sidecar(DynamicPropertyRegistry registry) {
		registry.add("orders.mesh-url", sidecar::url);
	}

	@AfterAll
	static void stopSidecar() {
		sidecar.close();
	}

	@Test
	void prefixesEachCallWithItsServiceName() {
		HttpResponse<String> response = new OrdersHttp(this.port).postOrder("{\"itemId\": 1, \"quantity\": 2}");
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(sidecar.requests()).extracting(Request::requestLine)
			.containsExactly("GET /catalog/items/1", "POST /payments/payments");
	}

}
