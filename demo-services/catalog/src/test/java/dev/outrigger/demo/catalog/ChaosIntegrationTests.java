package dev.outrigger.demo.catalog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The chaos hooks over real sockets, switched on as the end-to-end tests do. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "catalog.chaos.enabled=true")
class ChaosIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@AfterEach
	void reset() throws Exception {
		send(request("/chaos").DELETE());
	}

	@Test
	void failingCatalogStaysHealthySoTheRegistryKeepsIt() throws Exception {
		HttpResponse<String> put = send(request("/chaos").header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"failStatus\":503}")));
		assertThat(put.statusCode()).isEqualTo(200);
		HttpResponse<String> item = send(request("/items/1"));
		assertThat(item.statusCode()).isEqualTo(503);
		assertThat(item.body()).isEqualTo("{\"error\":\"chaos\",\"message\":\"chaos is on: every request answers 503\"}");
		assertThat(send(request("/actuator/health")).statusCode()).isEqualTo(200);
	}

	@Test
	void countsTheRequestsThatReachTheApi() throws Exception {
		String before = send(request("/chaos/stats")).body();
		send(request("/items/1"));
		send(request("/items/2/reservations").POST(HttpRequest.BodyPublishers.ofString("x")));
		send(request("/actuator/health"));
		String after = send(request("/chaos/stats")).body();
		assertThat(count(after, "requests")).isEqualTo(count(before, "requests") + 2);
		assertThat(count(after, "POST")).isEqualTo(count(before, "POST") + 1);
	}

	@Test
	void reservationEchoesTheLengthOfALargeBody() throws Exception {
		String body = "x".repeat(10 * 1024);
		HttpResponse<String> response = send(request("/items/3/reservations").header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"itemId\":3", "\"bodyBytes\":10240");
	}

	private static long count(String json, String field) {
		int start = json.indexOf("\"" + field + "\":");
		if (start < 0) {
			return 0;
		}
		String rest = json.substring(start + field.length() + 3);
		return Long.parseLong(rest.replaceFirst("^(\\d+).*$", "$1"));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
	}

}
