package dev.outrigger.e2e.mesh;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the tests: real sockets, JSON bodies. */
final class Http {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(2))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private Http() {
	}

	static Reply get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET(), Map.of());
	}

	static Reply get(String url, Map<String, String> headers) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
	}

	static Reply postJson(String url, String body, Map<String, String> headers) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)), headers);
	}

	static Reply post(String url, byte[] body, Map<String, String> headers) {
		return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body)),
				headers);
	}

	static Reply putJson(String url, String body) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body)), Map.of());
	}

	static Reply delete(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).DELETE(), Map.of());
	}

	private static Reply send(HttpRequest.Builder builder, Map<String, String> headers) {
		headers.forEach(builder::header);
		HttpRequest request = builder.timeout(Duration.ofSeconds(15)).build();
		try {
			HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.body(), response.headers().map());
		}
		catch (IOException ex) {
			return new Reply(-1, ex.toString(), Map.of());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** One answer: status (-1 if the request failed on the wire), body, headers. */
	record Reply(int status, String body, Map<String, java.util.List<String>> headers) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		boolean isSuccess() {
			return this.status >= 200 && this.status < 300;
		}

		/**
		 * What went wrong, for counting failures: the status with the mesh's error code (the
		 * {@code X-Outrigger-Error} header, else the {@code error} of a JSON body), or the
		 * exception when there was no answer.
		 */
		String failure() {
			if (this.status < 0) {
				return "no answer: " + this.body.replaceFirst(":.*", "");
			}
			String code = header("X-Outrigger-Error");
			if (code == null) {
				try {
					JsonNode error = json().path("error");
					code = error.isString() ? error.asString() : null;
				}
				catch (RuntimeException ex) {
					// not JSON: the status alone says what failed
				}
			}
			return this.status + ((code != null) ? " " + code : "");
		}

		String header(String name) {
			for (Map.Entry<String, java.util.List<String>> header : this.headers.entrySet()) {
				if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
					return header.getValue().get(0);
				}
			}
			return null;
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

}
