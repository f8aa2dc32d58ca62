package dev.outrigger.demo.orders;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake upstream on a free loopback port that records every request and answers as told.
 */
final class FakeHttpServer implements AutoCloseable {

	/** A reply that never comes: the handler holds the request until the server closes. */
	public static final Reply HANG = new Reply(-1, "");

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final CountDownLatch closed = new CountDownLatch(1);

	private volatile Function<Request, Reply> responder;

	private FakeHttpServer(Function<Request, Reply> responder) throws IOException {
		this.responder = responder;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** Starts a server that answers every request with what the responder returns. */
	public static FakeHttpServer start(Function<Request, Reply> responder) {
		try {
			return new FakeHttpServer(responder);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Returns a loopback port that nothing listens on, to stand for a dependency that is down. */
	public static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/** Forgets the recorded requests and answers from now on with the given responder. */
	public void answer(Function<Request, Reply> responder) {
		this.requests.clear();
		this.responder = responder;
	}

	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.closed.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		Headers headers = new Headers();
		headers.putAll(exchange.getRequestHeaders());
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI(), headers, body);
		this.requests.add(request);
		Reply reply = this.responder.apply(request);
		try (exchange) {
			if (reply == HANG) {
				awaitClose();
				return;
			}
			byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(reply.status(), (bytes.length > 0) ? bytes.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	private void awaitClose() {
		try {
			this.closed.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A request as the fake received it.
	 *
	 * @param method the request method
	 * @param uri the request target as sent: a path, or an absolute URI when sent to a proxy
	 * @param headers the request headers
	 * @param body the request body
	 */
	public record Request(String method, URI uri, Headers headers, String body) {

		public String requestLine() {
			return this.method + " " + this.uri;
		}

		public String header(String name) {
			return this.headers.getFirst(name);
		}

	}

	/**
	 * What the fake answers.
	 *
	 * @param status the response status
	 * @param body the JSON body, or empty for none
	 */
	public record Reply(int status, String body) {

	}

}
