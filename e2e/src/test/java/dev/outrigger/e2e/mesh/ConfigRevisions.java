package dev.outrigger.e2e.mesh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * The config revision every member runs on ({@code config.revision} in its
 * {@code /actuator/info}) and what the config server serves and refused
 * ({@code /outrigger/revision}); times how long members take to move to a commit.
 */
final class ConfigRevisions implements AutoCloseable {

	private final MeshPlatform mesh;

	private final Map<String, String> infoUrls = new LinkedHashMap<>();

	private final ExecutorService watchers = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "config-revision-watch");
		thread.setDaemon(true);
		return thread;
	});

	ConfigRevisions(MeshPlatform mesh) {
		this.mesh = mesh;
		this.infoUrls.put("gateway", mesh.url("gateway", "http") + "/actuator/info");
		for (String name : mesh.componentNames()) {
			if (name.endsWith("-sidecar")) {
				this.infoUrls.put(name, mesh.url(name, "admin") + "/actuator/info");
			}
		}
	}

	/** Gateway and sidecars, the members that follow the config repo. */
	List<String> members() {
		return List.copyOf(this.infoUrls.keySet());
	}

	/** The revision a member runs on, or {@code null} if it does not answer. */
	String of(String member) {
		Http.Reply reply = Http.get(this.infoUrls.get(member), Map.of());
		return (reply.status() == 200) ? reply.json().path("config").path("revision").asString() : null;
	}

	/** What the config server says: {@code revision}, and {@code refused} with its problems. */
	JsonNode served() {
		return Http.get(this.mesh.url("config-server", "http") + "/outrigger/revision", Map.of()).json();
	}

	/**
	 * Times how long each member takes to run on {@code commit}.
	 * @param start {@link System#nanoTime()} just before the commit was made
	 * @return milliseconds per member, once every member is on it (or failed after {@code atMost})
	 */
	CompletableFuture<Map<String, Long>> timeUntilOn(String commit, long start, Duration atMost) {
		Map<String, Long> millis = Collections.synchronizedMap(new LinkedHashMap<>());
		List<CompletableFuture<Void>> each = new ArrayList<>();
		for (String member : members()) {
			each.add(CompletableFuture.runAsync(() -> {
				await(member + " to run on config " + commit).atMost(atMost)
					.pollDelay(Duration.ZERO)
					.pollInterval(Duration.ofMillis(10))
					.until(() -> commit.equals(of(member)));
				millis.put(member, (System.nanoTime() - start) / 1_000_000);
			}, this.watchers));
		}
		return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply((done) -> millis);
	}

	@Override
	public void close() {
		this.watchers.shutdownNow();
	}

}
