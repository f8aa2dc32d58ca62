package dev.outrigger.sidecar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** An app's HTTP client: plain, or with the sidecar's outbound port as its HTTP proxy. */
final class MeshClient {

	private final HttpClient client;

	private MeshClient(HttpClient.Builder builder) {
		this.client = builder.connectTimeout(Duration.ofSeconds(2)).build();
	}

	static MeshClient direct() {
		return new MeshClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1));
	}

	/**
	 * The JDK's default client: it asks to upgrade to h2c with the hop-by-hop headers
	 * {@code Connection: Upgrade, HTTP2-Settings}, {@code Upgrade} and {@code HTTP2-Settings}.
	 */
	static MeshClient http2Upgrading() {
		return new MeshClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_2));
	}

	/** A client as an app with {@code HTTP_PROXY=http://127.0.0.1:<outbound>} has it. */
	static MeshClient proxiedBy(int outboundPort) {
		return new MeshClient(HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", outboundPort))));
	}

	HttpResponse<String> get(String url, String... headers) {
		return send(request(url, headers).GET().build());
	}

	HttpResponse<String> post(String url, String body, String... headers) {
		return send(request(url, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build());
	}

	CompletableFuture<HttpResponse<String>> getAsync(String url) {
		return this.client.sendAsync(request(url).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder request(String url, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
		return (headers.length > 0) ? builder.headers(headers) : builder;
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
