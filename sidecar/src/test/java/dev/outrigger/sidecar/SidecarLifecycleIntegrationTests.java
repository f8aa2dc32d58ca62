package dev.outrigger.sidecar;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.jayway.jsonpath.JsonPath;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.outrigger.sidecar.config.LiveSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** How a sidecar joins, follows config changes and leaves the mesh; each test runs its own. */
class SidecarLifecycleIntegrationTests {

	private static TestRegistry registry;

	private static FakeConfigServer configServer;

	private final MeshClient client = MeshClient.direct();

	@BeforeAll
	static void startControlPlane() {
		registry = new TestRegistry();
		configServer = new FakeConfigServer();
	}

	@AfterAll
	static void stopControlPlane() {
		configServer.close();
		registry.close();
	}

	@Test
	void leavesTheMeshOutOfServiceFirstAndFinishesInFlightRequests() {
		try (FakeApp app = new FakeApp()) {
			RunningSidecar sidecar = new RunningSidecar("orders", app.port(), registry, configServer);
			await().atMost(Duration.ofSeconds(10)).until(() -> registry.status("orders") == InstanceStatus.UP);
			CompletableFuture<HttpResponse<String>> slow = this.client.getAsync(sidecar.inbound("/slow"));
			await().atMost(Duration.ofSeconds(5)).until(() -> app.slowInFlight() == 1);

			CompletableFuture<Void> stopping = CompletableFuture.runAsync(sidecar::close);

			await().atMost(Duration.ofSeconds(2))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> registry.status("orders") == InstanceStatus.OUT_OF_SERVICE);
			assertThat(app.slowInFlight()).as("slow requests still in flight when OUT_OF_SERVICE").isEqualTo(1);
			HttpResponse<String> answer = slow.join();
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo("slow but done");
			stopping.join();
			List<String> events = registry.events(sidecar.instanceId());
			// OUT_OF_SERVICE reached the registry above through its status override; whether the
			// client's own re-registration with that status also shows up here depends on the
			// Eureka client's rate limit for on-demand updates, so it is not asserted.
			assertThat(events.subList(events.indexOf("UP"), events.size())).doesNotContain("STARTING")
				.endsWith("CANCELED");
			assertThatExceptionOfType(UncheckedIOException.class)
				.isThrownBy(() -> this.client.get(sidecar.inbound("/items/1")))
				.withCauseInstanceOf(ConnectException.class);
		}
	}

	@Test
	void answers503AppUnavailableAndStaysDownWhileTheAppIsNotRunning() {
		int closedPort = RunningSidecar.freePort();
		try (RunningSidecar sidecar = new RunningSidecar("payments", closedPort, registry, configServer)) {
			await().atMost(Duration.ofSeconds(10)).until(() -> registry.status("payments") == InstanceStatus.DOWN);

			HttpResponse<String> response = this.client.get(sidecar.inbound("/charge"));

			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("X-Outrigger-Error")).hasValue("app_unavailable");
			Map<String, Object> error = JsonPath.read(response.body(), "$");
			assertThat(error).containsEntry("error", "app_unavailable")
				.containsEntry("service", "payments")
				.containsEntry("message",
						"the application of service 'payments' is not reachable: connection refused");
			assertThat(registry.events(sidecar.instanceId())).doesNotContain("UP");
		}
	}

	@Test
	void appliesAConfigChangeWithoutLeavingTheRegistry() {
		try (FakeApp app = new FakeApp();
				RunningSidecar sidecar = new RunningSidecar("shipping", app.port(), registry, configServer,
						Map.of("outrigger.config-watch.enabled", true, "outrigger.config-watch.interval", "200ms"))) {
			await().atMost(Duration.ofSeconds(10)).until(() -> registry.status("shipping") == InstanceStatus.UP);
			LiveSettings settings = sidecar.context.getBean(LiveSettings.class);
			int seen = registry.events(sidecar.instanceId()).size();

			configServer.set("outrigger.sidecar.outbound.timeout", "1234ms");

			await().atMost(Duration.ofSeconds(5))
				.until(() -> settings.get().outbound().timeout().equals(Duration.ofMillis(1234)));
			await().during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(4))
				.until(() -> registry.status("shipping") == InstanceStatus.UP);
			List<String> events = registry.events(sidecar.instanceId());
			assertThat(events.subList(seen, events.size())).allMatch("UP"::equals);
		}
	}

}
