package dev.outrigger.e2e.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** Reads what the registry says about a service. */
final class Eureka {

	private Eureka() {
	}

	static List<JsonNode> instances(String registry, String service) {
		Http.Reply reply = Http.get(registry + "/eureka/apps/" + service.toUpperCase(),
				Map.of("Accept", "application/json"));
		List<JsonNode> instances = new ArrayList<>();
		if (reply.status() != 200) {
			return instances;
		}
		JsonNode instance = reply.json().path("application").path("instance");
		if (instance.isArray()) {
			instance.forEach(instances::add);
		}
		else if (instance.isObject()) {
			instances.add(instance);
		}
		return instances;
	}

}
