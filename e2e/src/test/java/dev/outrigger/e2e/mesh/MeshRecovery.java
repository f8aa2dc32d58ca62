package dev.outrigger.e2e.mesh;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Brings the shared mesh back to its steady state after a test's faults, so that the order of
 * the tests does not matter: restarts what is not running, puts the config repo back, lets
 * every catalog answer normally, and waits until every instance is UP in the registry and both
 * catalog instances take traffic from the gateway and from orders' sidecar.
 */
final class MeshRecovery {

	private static final List<String> CONTROL_PLANE = List.of("registry", "config-server");

	private static final String[] CONFIG_FOLLOWERS = { "gateway", "orders-1-sidecar" };

	private final MeshPlatform mesh;

	private final CatalogChaos chaos;

	MeshRecovery(MeshPlatform mesh) {
		this.mesh = mesh;
		this.chaos = new CatalogChaos(mesh);
	}

	/** Restores the mesh and waits for its steady state. */
	void restore() throws IOException, InterruptedException {
		long start = System.nanoTime();
		startStopped(CONTROL_PLANE);
		List<String> others = new ArrayList<>(this.mesh.componentNames());
		others.removeAll(CONTROL_PLANE);
		startStopped(others);
		String commit = this.mesh.configRepo().restoreInitial();
		if (commit != null) {
			this.mesh.awaitConfig(commit, CONFIG_FOLLOWERS);
		}
		this.chaos.resetAll();
		awaitSteadyState();
		System.out.printf("Mesh restored to steady state in %d ms%n", (System.nanoTime() - start) / 1_000_000);
	}

	private void startStopped(List<String> names) throws IOException, InterruptedException {
		List<String> stopped = names.stream().filter((name) -> !this.mesh.isRunning(name)).toList();
		if (!stopped.isEmpty()) {
			this.mesh.start(stopped.toArray(String[]::new));
		}
	}

	/** Waits until every component is healthy, every sidecar UP and both catalogs in use. */
	void awaitSteadyState() {
		await("every component running, healthy and UP in the registry").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(notSteady(this.mesh.status())).isEmpty());
		String gateway = this.mesh.url("gateway", "http");
		String outbound = this.mesh.url("orders-1-sidecar", "outbound");
		await("both catalogs taking traffic").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> {
				assertBothCatalogsServe("the gateway", gateway + "/api/catalog/items/1");
				assertBothCatalogsServe("orders' sidecar", outbound + "/catalog/items/1");
			});
	}

	private static List<String> notSteady(JsonNode status) {
		List<String> problems = new ArrayList<>();
		for (JsonNode row : status) {
			String name = row.path("name").asString();
			if (!row.path("alive").asBoolean()) {
				problems.add(name + " is not running");
			}
			else if (!"UP".equals(row.path("health").asString())) {
				problems.add(name + " health " + row.path("health").asString());
			}
			else if (row.has("eureka") && !"UP".equals(row.path("eureka").asString())) {
				problems.add(name + " is " + row.path("eureka").asString() + " in the registry");
			}
		}
		return problems;
	}

	private void assertBothCatalogsServe(String caller, String url) {
		Map<String, CatalogChaos.Counts> before = this.chaos.countsOfAll();
		for (int i = 0; i < 10; i++) {
			Http.Reply reply = Http.get(url);
			assertThat(reply.status()).as("%s: GET %s -> %s", caller, url, reply).isEqualTo(200);
		}
		Map<String, CatalogChaos.Counts> after = this.chaos.countsOfAll();
		for (String instance : after.keySet()) {
			assertThat(after.get(instance).minus(before.get(instance)).get())
				.as("GET requests %s sent to %s out of 10", caller, instance)
				.isPositive();
		}
	}

}
