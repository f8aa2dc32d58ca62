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
class PaymentsUnreachableIntegrationTests {

	private static final FakeHttpServer catalog = FakeHttpServer.start(FakeDependencies::catalog);

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void dependencies(DynamicPropertyRegistry registry) throws IOException {
		int closedPort = FakeHttpServer.closedPort();
		registry.add("orders.catalog-url", catalog::url);
		registry.add("orders.payments-url", () -> "http://127.0.0.1:" + closedPort);
	}

	@AfterAll
	static void stopFakes() {
		catalog.close();
	}

	@Test
	void paymentsDownAnswers503NamingPaymentsAndKeepsNoOrder() {
		OrdersHttp orders = new OrdersHttp(this.port);
		HttpResponse<String> response = orders.postOrder("{\"itemId\": 1, \"quantity\": 2}");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).isEqualTo("{\"error\":\"dependency_unavailable\","
				+ "\"message\":\"payments is unavailable: connection refused\",\"service\":\"payments\"}");
		assertThat(orders.get("/orders").body()).isEqualTo("[]");
	}

}
