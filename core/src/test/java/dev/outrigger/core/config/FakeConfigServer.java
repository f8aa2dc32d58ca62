package dev.outrigger.core.config;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A config server stand-in on a free loopback port that serves whatever a test sets. */
final class FakeConfigServer implements AutoCloseable {

	private final HttpServer server;

	private final List<String> requestedPaths = new CopyOnWriteArrayList<>();

	private volatile int status = 200;

	private volatile String body = "{}";

	private final List<OutputStream> eventStreams = new CopyOnWriteArrayList<>();

	private volatile boolean holdEvents;

	private volatile boolean closed;

	FakeConfigServer() throws IOException {
		this(0);
	}

	/** A server on {@code port}, to bring one back where a closed one was; 0 for a free port. */
	FakeConfigServer(int port) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		this.server.createContext("/", this::answer);
		this.server.createContext("/outrigger/events", this::holdEvents);
		this.server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
		this.server.start();
	}

	/** Serves {@code body} with 200 from now on. */
	void serve(String body) {
		this.body = body;
		this.status = 200;
	}

	/** Answers every request with {@code status} from now on. */
	void fail(int status) {
		this.status = status;
	}

	String url() {
		return "http://127.0.0.1:" + port();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	List<String> requestedPaths() {
		return this.requestedPaths;
	}

	/** Sends one server-sent event to every open event stream. */
	void announce(String revision) throws IOException {
		for (OutputStream stream : this.eventStreams) {
			stream.write(("event:revision\ndata:{\"revision\":\"" + revision + "\"}\n\n").getBytes(StandardCharsets.UTF_8));
			stream.flush();
		}
	}

	int openEventStreams() {
		return this.eventStreams.size();
	}

	/** Holds {@code /outrigger/events} open as the real config server does (else it is answered 404). */
	void holdEventStreams() {
		this.holdEvents = true;
	}

	private void holdEvents(HttpExchange exchange) throws IOException {
		if (!this.holdEvents) {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
			return;
		}
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream stream = exchange.getResponseBody();
		stream.flush();
		this.eventStreams.add(stream);
	}

	private void answer(HttpExchange exchange) throws IOException {
		this.requestedPaths.add(exchange.getRequestURI().getPath());
		byte[] bytes = (this.status == 200) ? this.body.getBytes(StandardCharsets.UTF_8)
				: "{\"error\":\"boom\"}".getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(this.status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		if (!this.closed) {
			this.closed = true;
			this.server.stop(0);
		}
	}

}
