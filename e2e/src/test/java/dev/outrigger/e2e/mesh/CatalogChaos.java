package dev.outrigger.e2e.mesh;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The chaos hooks of the catalog instances ({@code /chaos} of the demo catalog), called on each
 * app's own loopback port, not through the mesh, so one instance at a time can be made slow or
 * failing and its received requests counted.
 */
final class CatalogChaos {

	private final MeshPlatform mesh;

	CatalogChaos(MeshPlatform mesh) {
		this.mesh = mesh;
	}

	/** Delays every answer of one instance. */
	void delay(String instance, long millis) {
		inject(instance, "{\"delayMs\":" + millis + "}");
	}

	/** Answers every request to one instance with {@code status}. */
	void fail(String instance, int status) {
		inject(instance, "{\"failStatus\":" + status + "}");
	}

	private void inject(String instance, String fault) {
		Http.Reply reply = Http.putJson(chaosUrl(instance), fault);
		if (reply.status() != 200) {
			throw new IllegalStateException("could not inject " + fault + " into " + instance + ": " + reply);
		}
	}

	/** Lets every running instance answer normally again. */
	void resetAll() {
		for (String instance : this.mesh.catalogInstances()) {
			if (this.mesh.isRunning(instance)) {
				Http.Reply reply = Http.delete(chaosUrl(instance));
				if (reply.status() != 200) {
					throw new IllegalStateException("could not reset chaos of " + instance + ": " + reply);
				}
			}
		}
	}

	/** Requests one instance received since it started, chaos and health calls left out. */
	Counts counts(String instance) {
		Http.Reply reply = Http.get(chaosUrl(instance) + "/stats");
		if (reply.status() != 200) {
			throw new IllegalStateException("no request counts from " + instance + ": " + reply);
		}
		JsonNode stats = reply.json();
		return new Counts(stats.path("requests").asLong(), stats.path("byMethod").path("GET").asLong(),
				stats.path("byMethod").path("POST").asLong());
	}

	/** Request counts of every catalog instance, by instance name. */
	Map<String, Counts> countsOfAll() {
		Map<String, Counts> counts = new LinkedHashMap<>();
		this.mesh.catalogInstances().forEach((instance) -> counts.put(instance, counts(instance)));
		return counts;
	}

	private String chaosUrl(String instance) {
		return this.mesh.url(instance, "http") + "/chaos";
	}

	/**
	 * Requests received by one catalog instance.
	 *
	 * @param requests all of them
	 * @param get the GET requests
	 * @param post the POST requests
	 */
	record Counts(long requests, long get, long post) {

		Counts minus(Counts before) {
			return new Counts(this.requests - before.requests, this.get - before.get, this.post - before.post);
		}

		/** Sum of the counts of several instances since {@code before}. */
		static Counts sinceBefore(Map<String, Counts> before, Map<String, Counts> after) {
			long requests = 0;
			long get = 0;
			long post = 0;
			for (Map.Entry<String, Counts> entry : after.entrySet()) {
				Counts delta = entry.getValue().minus(before.get(entry.getKey()));
				requests += delta.requests;
				get += delta.get;
				post += delta.post;
			}
			return new Counts(requests, get, post);
		}

	}

}
