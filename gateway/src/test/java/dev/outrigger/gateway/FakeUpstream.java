package dev.outrigger.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A service instance on a random loopback port: echoes the path it was asked for (and the
 * length of the body it received), except under {@code /hang}, where it never answers, and
 * under {@code /fail}, where it answers 503.
 */
final class FakeUpstream implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<String> paths = new CopyOnWriteArrayList<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	/** One request as the instance received it; header names in lower case. */
	record Received(String method, String path, int bodyLength, String deadline, Map<String, String> headers) {
	}

	private final List<HttpExchange> hanging = new CopyOnWriteArrayList<>();

	static {
		// The JDK server writes headers and body apart; with Nagle's algorithm each answer
		// then waits for a delayed ACK (~40 ms). Read once, when the first server starts.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private FakeUpstream() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	static FakeUpstream start() {
		return new FakeUpstream();
	}

	/** A loopback URI where nothing listens, so connections to it are refused. */
	static String refusingUri() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return "http://127.0.0.1:" + socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Paths received so far, in order. */
	List<String> paths() {
		return this.paths;
	}

	/** Requests received so far whose path starts with {@code prefix}. */
	List<Received> received(String prefix) {
		return this.received.stream().filter((request) -> request.path().startsWith(prefix)).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		this.paths.add(path);
		int bodyLength = exchange.getRequestBody().readAllBytes().length;
		Map<String, String> headers = new TreeMap<>();
		exchange.getRequestHeaders()
			.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
		this.received.add(new Received(exchange.getRequestMethod(), path, bodyLength,
				exchange.getRequestHeaders().getFirst("x-outrigger-deadline-ms"), headers));
		if (path.startsWith("/hang")) {
			// Keep the connection open without answering; closed with the server.
			this.hanging.add(exchange);
			return;
		}
		String json = (bodyLength > 0) ? "{\"path\":\"" + path + "\",\"bodyLength\":" + bodyLength + "}"
				: "{\"path\":\"" + path + "\"}";
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(path.startsWith("/fail") ? 503 : 200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.hanging.forEach(HttpExchange::close);
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
