package dev.outrigger.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Spring Cloud Config server on a random loopback port that serves one set of properties,
 * replaceable while it runs, as the config of every application.
 */
final class FakeConfigServer implements AutoCloseable {

	private static final String CONFIG_SERVER_URL = "CONFIG_SERVER_URL";

	private final HttpServer server;

	private final AtomicReference<Map<String, String>> served = new AtomicReference<>(Map.of());

	private final AtomicInteger version = new AtomicInteger();

	private final AtomicInteger failureStatus = new AtomicInteger();

	private final AtomicInteger requests = new AtomicInteger();

	static {
		// The JDK server writes headers and body apart; with Nagle's algorithm each answer
		// then waits for a delayed ACK (~40 ms). Read once, when the first server starts.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private FakeConfigServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static FakeConfigServer start() {
		return new FakeConfigServer();
	}

	/**
	 * Points the {@code CONFIG_SERVER_URL} of the jar's application.yml here. A system property
	 * because the config import is resolved before {@code @DynamicPropertySource} values exist;
	 * {@link #close()} clears it.
	 */
	void useAsConfigServerOfTheNextGateway() {
		System.setProperty(CONFIG_SERVER_URL, uri());
	}

	String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Serves {@code properties} from now on, as a new version. */
	void serve(Map<String, String> properties) {
		this.served.set(new TreeMap<>(properties));
		this.version.incrementAndGet();
	}

	/** Answers every request with {@code status} and no body from now on. */
	void failWith(int status) {
		this.failureStatus.set(status);
	}

	/** Number of requests received so far. */
	int requests() {
		return this.requests.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		if (this.failureStatus.get() != 0) {
			exchange.sendResponseHeaders(this.failureStatus.get(), -1);
			exchange.close();
			return;
		}
		byte[] body = environmentJson().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private String environmentJson() {
		String source = this.served.get()
			.entrySet()
			.stream()
			.map((entry) -> quote(entry.getKey()) + ":" + quote(entry.getValue()))
			.collect(Collectors.joining(",", "{", "}"));
		return "{\"name\":\"gateway\",\"profiles\":[\"default\"],\"label\":null,\"version\":\"v" + this.version.get()
				+ "\",\"state\":null,\"propertySources\":[{\"name\":\"fake-config-repo/gateway.yml\",\"source\":"
				+ source + "}]}";
	}

	private static String quote(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	@Override
	public void close() {
		System.clearProperty(CONFIG_SERVER_URL);
		this.server.stop(0);
	}

}
