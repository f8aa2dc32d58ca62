package dev.outrigger.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.springframework.boot.json.JsonParserFactory;

/**
 * The config server's event stream ({@code GET /outrigger/events}, server-sent events) held
 * open on a thread of its own and reopened a second after it ends. Each event's revision
 * (or {@code null} when an event names none) goes to the listener.
 */
final class RevisionStream {

	private final URI uri;

	private final HttpClient client;

	private volatile ScheduledExecutorService executor;

	private volatile boolean open;

	RevisionStream(URI uri, HttpClient client) {
		this.uri = uri;
		this.client = client;
	}

	/** Whether the stream is open now, i.e. whether it will tell of the next revision. */
	boolean isOpen() {
		return this.open;
	}

	void start(Consumer<String> onRevision) {
		ScheduledExecutorService events = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "outrigger-config-events");
			thread.setDaemon(true);
			return thread;
		});
		events.scheduleWithFixedDelay(() -> listen(onRevision), 0, 1000, TimeUnit.MILLISECONDS);
		this.executor = events;
	}

	void stop() {
		ScheduledExecutorService events = this.executor;
		if (events != null) {
			events.shutdownNow();
		}
		this.executor = null;
	}

	// Returns when the stream ends or fails.
	private void listen(Consumer<String> onRevision) {
		HttpRequest request = HttpRequest.newBuilder(this.uri).header("Accept", "text/event-stream").build();
		try {
			HttpResponse<Stream<String>> response = this.client.send(request, HttpResponse.BodyHandlers.ofLines());
			if (response.statusCode() != 200) {
				response.body().close();
				return;
			}
			try (Stream<String> lines = response.body()) {
				this.open = true;
				lines.filter((line) -> line.startsWith("data:"))
					.forEach((line) -> onRevision.accept(revisionOf(line.substring("data:".length()))));
			}
		}
		catch (IOException | UncheckedIOException ex) {
			// the server stopped or restarted: the watcher polls until the stream is back
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.open = false;
		}
	}

	private static String revisionOf(String json) {
		try {
			Object revision = JsonParserFactory.getJsonParser().parseMap(json).get("revision");
			return (revision instanceof String text) ? text : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
