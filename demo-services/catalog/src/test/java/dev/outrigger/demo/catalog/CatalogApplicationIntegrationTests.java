package dev.outrigger.demo.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "catalog.version=v2-canary")
class CatalogApplicationIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void servesAnItemWithTheConfiguredVersion() throws Exception {
		HttpResponse<String> response = get("/items/3", "application/json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.headers().firstValue("X-Catalog-Version")).hasValue("v2-canary");
		assertThat(response.body())
			.isEqualTo("{\"id\":3,\"name\":\"Dry bag\",\"price\":19.99,\"version\":\"v2-canary\"}");
	}

	@Test
	void healthIsUp() throws Exception {
		HttpResponse<String> response = get("/actuator/health", "application/json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator", "/actuator/env", "/actuator/metrics" })
	void exposesNoActuatorEndpointButHealth(String path) throws Exception {
		HttpResponse<String> response = get(path, "application/json");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).startsWith("{\"error\":\"not_found\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/chaos", "/chaos/stats" })
	void chaosHooksAreOffByDefault(String path) throws Exception {
		HttpResponse<String> response = get(path, "application/json");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).startsWith("{\"error\":\"not_found\"");
	}

	@Test
	void unknownPathAnswers404JsonEvenToABrowser() throws Exception {
		HttpResponse<String> response = get("/index.html", "text/html");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.body())
			.isEqualTo("{\"error\":\"not_found\",\"message\":\"no such path: GET /index.html\"}");
	}

	@Test
	void wrongMethodAnswers405Json() throws Exception {
		HttpRequest request = request("/items").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.body()).startsWith("{\"error\":\"method_not_allowed\",\"message\":");
	}

	@Test
	void errorPathCalledDirectlyAnswers404Json() throws Exception {
		HttpResponse<String> response = get("/error", "text/html");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).isEqualTo("{\"error\":\"not_found\",\"message\":\"no such path: /error\"}");
	}

	@Test
	void requestTomcatRejectsAnswers400Json() throws Exception {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write("GET /items/%zz HTTP/1.1\r\nHost: catalog\r\nConnection: close\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(response).startsWith("HTTP/1.1 400 ")
				.containsIgnoringCase("Content-Type: application/json")
				.endsWith("{\"error\":\"bad_request\",\"message\":\"the server rejected the request: Bad Request\"}");
		}
	}

	private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
		return this.http.send(request(path).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
	}

}
