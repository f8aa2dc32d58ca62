package dev.outrigger.demo.orders;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.jayway.jsonpath.JsonPath;
import dev.outrigger.demo.orders.FakeHttpServer.Reply;
import dev.outrigger.demo.orders.FakeHttpServer.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.json.JsonContent;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "orders.http-proxy=", "orders.mesh-url=", "orders.read-timeout=1s" })
class OrdersIntegrationTests {

	private static final FakeHttpServer catalog = FakeHttpServer.start(FakeDependencies::catalog);

	private static final FakeHttpServer payments = FakeHttpServer.start(FakeDependencies::payments);

	private static final String ORDER = "{\"itemId\": 1, \"quantity\": 2}";

	@LocalServerPort
	private int port;

	private OrdersHttp orders;

	@DynamicPropertySource
	static void dependencies(DynamicPropertyRegistry registry) {
		registry.add("orders.catalog-url", catalog::url);
		registry.add("orders.payments-url", payments::url);
	}

	@BeforeEach
	void reset() {
		this.orders = new OrdersHttp(this.port);
		catalog.answer(FakeDependencies::catalog);
		payments.answer(FakeDependencies::payments);
	}

	@AfterAll
	static void stopFakes() {
		catalog.close();
		payments.close();
	}

	@Test
	void placesAnOrderWithItsTotalAndPaymentId() {
		HttpResponse<String> response = this.orders.postOrder(ORDER);
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.body()).contains("\"total\":25.00");
		JsonContent order = new JsonContent(response.body());
		String id = JsonPath.read(response.body(), "$.id");
		assertThat(id).startsWith("ord-");
		assertThat(order).extractingPath("$.itemId").isEqualTo(1);
		assertThat(order).extractingPath("$.quantity").isEqualTo(2);
		assertThat(order).extractingPath("$.paymentId").isEqualTo(FakeDependencies.PAYMENT_ID);
		assertThat(order).extractingPath("$.status").isEqualTo("CONFIRMED");
		assertThat(response.headers().firstValue("Location")).hasValue("/orders/" + id);
	}

	@Test
	void chargesPaymentsThePricedTotalForTheNewOrder() {
		HttpResponse<String> response = this.orders.postOrder("{\"itemId\": 2, \"quantity\": 3}");
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(catalog.requests()).extracting(Request::requestLine).containsExactly("GET /items/2");
		Request charge = payments.requests().get(0);
		assertThat(charge.requestLine()).isEqualTo("POST /payments");
		assertThat(charge.header("Content-Type")).isEqualTo("application/json");
		assertThat(charge.header("Content-Length")).isEqualTo(String.valueOf(charge.body().length()));
		String orderId = JsonPath.read(response.body(), "$.id");
		assertThat(charge.body()).isEqualTo("{\"orderId\":\"" + orderId + "\",\"amount\":104.70}");
	}

	@Test
	void keepsPlacedOrdersForReadingBack() {
		HttpResponse<String> created = this.orders.postOrder(ORDER);
		String location = created.headers().firstValue("Location").orElseThrow();
		HttpResponse<String> read = this.orders.get(location);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).isEqualTo(created.body());
		assertThat(this.orders.get("/orders").body()).contains(created.body());
	}

	@Test
	void forwardsTraceHeadersToCatalogAndPayments() {
		String[] trace = { "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "tracestate",
				"outrigger=1", "b3", "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1", "x-b3-traceid",
				"4bf92f3577b34da6a3ce929d0e0e4736", "x-b3-spanid", "00f067aa0ba902b7", "x-b3-parentspanid",
				"a2fb4a1d1a96d312", "x-b3-sampled", "1", "x-b3-flags", "0", "x-request-id", "req-7" };
		HttpResponse<String> response = this.orders.postOrder(ORDER, withExtra(trace, "x-not-a-trace", "secret"));
		assertThat(response.statusCode()).isEqualTo(201);
		for (Request outbound : new Request[] { catalog.requests().get(0), payments.requests().get(0) }) {
			for (int i = 0; i < trace.length; i += 2) {
				assertThat(outbound.header(trace[i])).as(trace[i]).isEqualTo(trace[i + 1]);
			}
			assertThat(outbound.header("x-not-a-trace")).isNull();
		}
	}

	@Test
	void unknownItemAnswers404Json() {
		HttpResponse<String> response = this.orders.postOrder("{\"itemId\": 42, \"quantity\": 1}");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).isEqualTo("{\"error\":\"item_not_found\",\"message\":\"no item with id 42\"}");
		assertThat(payments.requests()).isEmpty();
	}

	@Test
	void catalogServerErrorAnswers503NamingCatalog() {
		catalog.answer((request) -> new Reply(500, "{\"error\":\"boom\",\"message\":\"boom\"}"));
		assertUnavailable(this.orders.postOrder(ORDER), "catalog", "catalog is unavailable: answered HTTP 500");
		assertThat(payments.requests()).isEmpty();
	}

	@Test
	void catalogTimeoutAnswers503NamingCatalog() {
		catalog.answer((request) -> FakeHttpServer.HANG);
		assertUnavailable(this.orders.postOrder(ORDER), "catalog", "catalog is unavailable: timed out waiting for an answer");
	}

	@Test
	void bare404FromASidecarIsNotAnUnknownItem() {
		catalog.answer((request) -> new Reply(404, ""));
		assertUnavailable(this.orders.postOrder(ORDER), "catalog", "catalog is unavailable: answered HTTP 404");
	}

	@Test
	void paymentsServerErrorAnswers503NamingPayments() {
		payments.answer((request) -> new Reply(503, ""));
		assertUnavailable(this.orders.postOrder(ORDER), "payments", "payments is unavailable: answered HTTP 503");
	}

	@Test
	void declinedPaymentAnswers422WithThePaymentsReason() {
		payments.answer((request) -> new Reply(400, """
				{"error":"invalid_amount","message":"amount must be greater than 0"}"""));
		HttpResponse<String> response = this.orders.postOrder(ORDER);
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(response.body()).isEqualTo("{\"error\":\"payment_declined\","
				+ "\"message\":\"payment declined: amount must be greater than 0\",\"service\":\"payments\"}");
	}

	@Test
	void malformedJsonAnswers400WithoutCallingAnyDependency() {
		HttpResponse<String> response = this.orders.postOrder("{\"itemId\": 1,");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body())
			.isEqualTo("{\"error\":\"malformed_request\",\"message\":\"request body is not valid JSON\"}");
		assertThat(catalog.requests()).isEmpty();
	}

	@Test
	void zeroQuantityAnswers400WithoutCallingAnyDependency() {
		HttpResponse<String> response = this.orders.postOrder("{\"itemId\": 1, \"quantity\": 0}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body())
			.isEqualTo("{\"error\":\"invalid_order\",\"message\":\"quantity must be greater than 0\"}");
		assertThat(catalog.requests()).isEmpty();
	}

	@Test
	void unknownOrderAnswers404Json() {
		HttpResponse<String> response = this.orders.get("/orders/ord-missing");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body())
			.isEqualTo("{\"error\":\"order_not_found\",\"message\":\"no order with id ord-missing\"}");
	}

	@Test
	void unknownPathAnswers404Json() {
		HttpResponse<String> response = this.orders.get("/basket");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body())
			.isEqualTo("{\"error\":\"not_found\",\"message\":\"no such path: GET /basket\"}");
	}

	@Test
	void requestTomcatRejectsAnswers400Json() throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write("GET /orders/%zz HTTP/1.1\r\nHost: orders\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(response).startsWith("HTTP/1.1 400 ")
				.containsIgnoringCase("Content-Type: application/json")
				.endsWith("{\"error\":\"bad_request\",\"message\":\"the server rejected the request: Bad Request\"}");
		}
	}

	@Test
	void exposesNoActuatorEndpointButHealth() {
		assertThat(this.orders.get("/actuator").statusCode()).isEqualTo(404);
		assertThat(this.orders.get("/actuator/env").statusCode()).isEqualTo(404);
	}

	@Test
	void healthIsUp() {
		HttpResponse<String> response = this.orders.get("/actuator/health");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	private static void assertUnavailable(HttpResponse<String> response, String service, String messageStart) {
		assertThat(response.statusCode()).isEqualTo(503);
		JsonContent body = new JsonContent(response.body());
		assertThat(body).extractingPath("$.error").isEqualTo("dependency_unavailable");
		assertThat(body).extractingPath("$.service").isEqualTo(service);
		assertThat(body).extractingPath("$.message").asString().startsWith(messageStart);
	}

	private static String[] withExtra(String[] headers, String name, String value) {
		String[] all = Arrays.copyOf(headers, headers.length + 2);
		all[headers.length] = name;
		all[headers.length + 1] = value;
		return all;
	}

}
