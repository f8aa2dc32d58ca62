package dev.outrigger.sidecar;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A config server stand-in on a free loopback port: answers every application's config
 * request with one property source that the test can change, like an edit in the config repo.
 */
final class FakeConfigServer implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, String> properties = new ConcurrentHashMap<>();

	private final JsonMapper json = JsonMapper.builder().build();

	FakeConfigServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::answer);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Serves {@code value} under {@code name} from the next request on. */
	void set(String name, String value) {
		this.properties.put(name, value);
	}

	private void answer(HttpExchange exchange) throws IOException {
		String[] path = exchange.getRequestURI().getPath().split("/");
		String application = (path.length > 1) ? path[1] : "application";
		Map<String, Object> environment = Map.of("name", application, "profiles", List.of("default"),
				"propertySources", List.of(Map.of("name", "fake-config-repo/" + application + ".yml", "source",
						Map.copyOf(this.properties))));
		byte[] body = this.json.writeValueAsBytes(environment);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
