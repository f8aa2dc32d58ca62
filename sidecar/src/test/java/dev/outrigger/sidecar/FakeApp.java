package dev.outrigger.sidecar;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A mesh-unaware app on a free loopback port: {@code /health} answers what the test sets,
 * {@code /slow} answers after one second, {@code /fail} answers 503, anything else echoes the
 * request it received.
 */
final class FakeApp implements AutoCloseable {

	/** What the app received. */
	record Received(String method, String uri, Headers headers, String body) {

		String header(String name) {
			return this.headers.getFirst(name);
		}

	}

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final AtomicInteger slowInFlight = new AtomicInteger();

	private volatile int healthStatus = 200;

	FakeApp() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/health", (exchange) -> answer(exchange, this.healthStatus, "health"));
		this.server.createContext("/slow", this::answerInOneSecond);
		this.server.createContext("/fail", (exchange) -> {
			record(exchange);
			answer(exchange, 503, "failing on purpose");
		});
		this.server.createContext("/", this::echo);
		this.server.start();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	/** Makes {@code /health} answer {@code status} from now on. */
	void health(int status) {
		this.healthStatus = status;
	}

	/** Slow requests received and not answered yet. */
	int slowInFlight() {
		return this.slowInFlight.get();
	}

	/** How many requests the app received whose target starts with {@code prefix}. */
	long count(String prefix) {
		return this.received.stream().filter((request) -> request.uri().startsWith(prefix)).count();
	}

	/** The last request received whose target starts with {@code prefix}. */
	Received lastRequestTo(String prefix) {
		for (int i = this.received.size() - 1; i >= 0; i--) {
			if (this.received.get(i).uri().startsWith(prefix)) {
				return this.received.get(i);
			}
		}
		throw new AssertionError("the app received no request to " + prefix + "; it received " + this.received);
	}

	private void echo(HttpExchange exchange) throws IOException {
		Received request = record(exchange);
		exchange.getResponseHeaders().add("X-Echo-Method", request.method());
		exchange.getResponseHeaders().add("Set-Cookie", "a=1");
		exchange.getResponseHeaders().add("Set-Cookie", "b=2");
		int status = "POST".equals(request.method()) ? 201 : 200;
		answer(exchange, status, request.method() + " " + request.uri() + "\n" + request.body());
	}

	private void answerInOneSecond(HttpExchange exchange) throws IOException {
		record(exchange);
		this.slowInFlight.incrementAndGet();
		CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS, this.executor).execute(() -> {
			try {
				this.slowInFlight.decrementAndGet();
				answer(exchange, 200, "slow but done");
			}
			catch (IOException ex) {
				exchange.close();
			}
		});
	}

	private Received record(HttpExchange exchange) throws IOException {
		Headers headers = new Headers();
		headers.putAll(exchange.getRequestHeaders());
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
				body);
		this.received.add(request);
		return request;
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
