package dev.outrigger.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A client of the gateway under test, over a real socket, that never waits forever. */
final class EdgeClient {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUri;

	EdgeClient(int port) {
		this.baseUri = "http://127.0.0.1:" + port;
	}

	/** GETs {@code path} with the given header name/value pairs. */
	HttpResponse<String> get(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUri + path)).timeout(REQUEST_TIMEOUT);
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build());
	}

	/** POSTs {@code body} with the given header name/value pairs. */
	HttpResponse<String> post(String path, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUri + path))
			.timeout(REQUEST_TIMEOUT)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
