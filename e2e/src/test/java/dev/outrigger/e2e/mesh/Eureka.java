package dev.outrigger.e2e.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/** Reads what the registry says about a service. */
final class Eureka {

	private Eureka() {
	}

	/** Status of every instance the registry holds, by instance id; empty if it does not answer. */
	static Map<String, String> statuses(String registry) {
		Http.Reply reply = Http.get(registry + "/eureka/apps", Map.of("Accept", "application/json"));
		Map<String, String> statuses = new TreeMap<>();
		if (reply.status() != 200) {
			return statuses;
		}
		for (JsonNode application : asList(reply.json().path("applications").path("application"))) {
			for (JsonNode instance : asList(application.path("instance"))) {
				statuses.put(instance.path("instanceId").asString(), instance.path("status").asString());
			}
		}
		return statuses;
	}

	private static List<JsonNode> asList(JsonNode node) {
		List<JsonNode> nodes = new ArrayList<>();
		if (node.isArray()) {
			node.forEach(nodes::add);
		}
		else if (node.isObject()) {
			nodes.add(node);
		}
		return nodes;
	}

	static List<JsonNode> instances(String registry, String service) {
		Http.Reply reply = Http.get(registry + "/eureka/apps/" + service.toUpperCase(),
				Map.of("Accept", "application/json"));
		if (reply.status() != 200) {
			return new ArrayList<>();
		}
		return asList(reply.json().path("application").path("instance"));
	}

}
