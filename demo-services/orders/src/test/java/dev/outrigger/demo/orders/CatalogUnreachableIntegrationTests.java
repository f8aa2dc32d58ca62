package dev.outrigger.demo.orders;

import java.io.IOException;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "orders.http-proxy=", "orders.mesh-url=" })
class CatalogUnreachableIntegrationTests {

	private static final FakeHttpServer payments = FakeHttpServer.start(FakeDependencies::payments);

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void dependencies(DynamicPropertyRegistry registry) throws IOException {
		int closedPort = FakeHttpServer.closedPort();
		registry.add("orders.catalog-url", () -> "http://127.0.0.1:" + closedPort);
		registry.add("orders.payments-url", payments::url);
	}

	@AfterAll
	static void stopFakes() {
		payments.close();
	}

	@Test
	void catalogDownAnswers503NamingCatalog() {
		HttpResponse<String> response = new OrdersHttp(this.port).postOrder("{\"itemId\": 1, \"quantity\": 2}");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).isEqualTo("{\"error\":\"dependency_unavailable\","
				+ "\"message\":\"catalog is unavailable: connection refused\",\"service\":\"catalog\"}");
		assertThat(payments.requests()).isEmpty();
	}

}
