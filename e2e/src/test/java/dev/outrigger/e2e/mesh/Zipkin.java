package dev.outrigger.e2e.mesh;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/** Reads traces from the Zipkin API. */
final class Zipkin {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Zipkin() {
	}

	static String newTraceId() {
		byte[] id = new byte[16];
		RANDOM.nextBytes(id);
		return HexFormat.of().formatHex(id);
	}

	static JsonNode trace(String zipkin, String traceId) {
		Http.Reply reply = Http.get(zipkin + "/api/v2/trace/" + traceId);
		if (reply.status() != 200) {
			throw new AssertionError("trace " + traceId + " not found yet: " + reply);
		}
		return reply.json();
	}

	static Set<String> serviceNames(JsonNode spans) {
		Set<String> names = new java.util.HashSet<>();
		spans.forEach((span) -> names.add(span.path("localEndpoint").path("serviceName").asString()));
		return names;
	}

	static Set<String> spanNames(JsonNode spans) {
		return MeshIntegrationTests.names(spans, "name");
	}

	/** Span count per service and name, for the log. */
	static Map<String, Integer> summary(JsonNode spans) {
		Map<String, Integer> counts = new TreeMap<>();
		spans.forEach((span) -> counts.merge(
				span.path("localEndpoint").path("serviceName").asString() + ":" + span.path("name").asString(), 1,
				Integer::sum));
		return counts;
	}

}
