package dev.outrigger.e2e.mesh;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The data plane keeps serving while the control plane (registry, config server) is
 * away, and the mesh heals when it returns without restarting anything else.
 */
class ControlPlaneOutageIntegrationTests extends FaultInjectionTests {

	private static final Duration REGISTRY_OUTAGE = Duration.ofMinutes(2);

	@Test
	void registryOutageCostsNoRequestAndEveryMemberRegistersAgain() throws Exception {
		Map<String, Long> pids = pidsExcept("registry");
		String registry = mesh.url("registry", "http");
		Map<String, String> registered = Eureka.statuses(registry);
		System.out.println("Registered before the outage: " + registered);
		assertThat(registered).as("registered before the outage")
			.isNotEmpty()
			.allSatisfy((id, status) -> assertThat(status).isEqualTo("UP"));
		SoftAssertions softly = new SoftAssertions();
		LoadReport report;
		try (SteadyLoad load = SteadyLoad.start("registry stopped for " + REGISTRY_OUTAGE.toSeconds() + " s", 5, 50,
				calls.itemViaGateway(), calls.quoteViaOrders(), calls.itemViaOrdersSidecar())) {
			load.keepRunning(Duration.ofSeconds(3));
			load.mark("./mesh stop registry");
			mesh.stop("registry");
			load.keepRunning(REGISTRY_OUTAGE);
			load.mark("./mesh start registry");
			mesh.start("registry");
			load.mark("registry healthy");
			long healthy = System.nanoTime();
			try {
				await().atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(500))
					.until(() -> Eureka.statuses(registry).equals(registered));
				load.mark("every member UP in the registry again");
				System.out.printf("Every member registered again %d ms after the registry was healthy%n",
						(System.nanoTime() - healthy) / 1_000_000);
			}
			catch (ConditionTimeoutException ex) {
				softly.fail("60 s after the registry came back it holds %s; before the outage %s",
						Eureka.statuses(registry), registered);
			}
			load.keepRunning(Duration.ofSeconds(5));
			report = load.stop();
		}
		softly.assertThat(report.failureCounts()).as(report.summary()).isEmpty();
		softly.assertThat(pidsExcept("registry")).as("no other component restarted").isEqualTo(pids);
		pids.keySet()
			.forEach((name) -> softly.assertThat(mesh.isRunning(name)).as("%s still running", name).isTrue());
		softly.assertAll();
	}

	@Test
	void configServerOutageCostsNoRequestAndASidecarRestartsOnItsCachedConfig() throws Exception {
		Map<String, Long> pids = pidsExcept("config-server", "catalog-2-sidecar");
		SoftAssertions softly = new SoftAssertions();
		LoadReport report;
		try (SteadyLoad load = SteadyLoad.start("config server stopped", 5, 50, calls.itemViaGateway(),
				calls.quoteViaOrders(), calls.itemViaOrdersSidecar())) {
			load.keepRunning(Duration.ofSeconds(3));
			load.mark("./mesh stop config-server");
			mesh.stop("config-server");
			load.keepRunning(Duration.ofSeconds(3));
			load.mark("./mesh stop catalog-2-sidecar");
			mesh.stop("catalog-2-sidecar");
			load.mark("./mesh start catalog-2-sidecar (config server still down)");
			try {
				mesh.start("catalog-2-sidecar");
				load.mark("catalog-2-sidecar healthy");
				awaitServing("catalog-2", softly);
			}
			catch (IllegalStateException ex) {
				softly.fail("catalog-2-sidecar did not start without the config server: %s", ex.getMessage());
			}
			load.keepRunning(Duration.ofSeconds(3));
			load.mark("./mesh start config-server");
			mesh.start("config-server");
			load.keepRunning(Duration.ofSeconds(3));
			report = load.stop();
		}
		softly.assertThat(report.failureCounts()).as(report.summary()).isEmpty();
		softly.assertThat(pidsExcept("config-server", "catalog-2-sidecar")).as("no other component restarted")
			.isEqualTo(pids);
		softly.assertAll();
	}

	/** Waits until an instance is UP in the registry and receives requests from the mesh. */
	private static void awaitServing(String instance, SoftAssertions softly) throws Exception {
		long start = System.nanoTime();
		long before = chaos.counts(instance).requests();
		try {
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> notUpInRegistry(mesh.status()).isEmpty() && chaos.counts(instance).requests() > before);
			System.out.printf("%s back in the registry and serving after %d ms%n", instance,
					(System.nanoTime() - start) / 1_000_000);
		}
		catch (ConditionTimeoutException ex) {
			softly.fail("%s not serving 30 s after its sidecar restarted: not UP %s, %d requests received",
					instance, notUpInRegistry(mesh.status()), chaos.counts(instance).requests() - before);
		}
	}

	private static Map<String, Long> pidsExcept(String... excluded) {
		Map<String, Long> pids = new LinkedHashMap<>();
		mesh.componentNames()
			.stream()
			.filter((name) -> !List.of(excluded).contains(name))
			.forEach((name) -> pids.put(name, mesh.pid(name)));
		return pids;
	}

	/** Sidecars whose instance is not UP in the registry, with what the registry says. */
	private static Map<String, String> notUpInRegistry(JsonNode status) {
		Map<String, String> notUp = new LinkedHashMap<>();
		for (JsonNode row : status) {
			if (row.has("eureka") && !"UP".equals(row.path("eureka").asString())) {
				notUp.put(row.path("name").asString(), row.path("eureka").asString());
			}
		}
		return notUp;
	}

}
