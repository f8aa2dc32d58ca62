package dev.outrigger.demo.orders;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Talks to a running orders service over the wire, as a client would.
 */
final class OrdersHttp {

	private final HttpClient http = HttpClient.newHttpClient();

	private final int port;

	public OrdersHttp(int port) {
		this.port = port;
	}

	/** Posts a JSON order with the given extra headers, given as name, value pairs. */
	public HttpResponse<String> postOrder(String json, String... headers) {
		HttpRequest.Builder request = request("/orders").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request.build());
	}

	/** Gets a path with the given extra headers, given as name, value pairs. */
	public HttpResponse<String> get(String path, String... headers) {
		HttpRequest.Builder request = request(path).GET();
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request.build());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
