package dev.outrigger.registry;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import com.netflix.eureka.EurekaServerConfig;
import com.netflix.eureka.registry.PeerAwareInstanceRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RegistryIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private EurekaServerConfig serverConfig;

	@Autowired
	private PeerAwareInstanceRegistry registry;

	private EurekaRest eureka;

	@BeforeEach
	void connectOnceTheStartUpPauseIsOver() {
		this.eureka = new EurekaRest(this.port);
		await().atMost(Duration.ofSeconds(15)).until(() -> this.eureka.get("/apps").statusCode() == 200);
	}

	@Test
	void answersTheRegistryAsJson() {
		HttpResponse<String> response = this.eureka.get("/apps");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertThat((Object) JsonPath.read(response.body(), "$.applications")).isNotNull();
	}

	@Test
	void servesARegistrationMadeOverRestWithItsMetadata() {
		assertThat(this.eureka.register("CATALOG", "catalog-1", 30).statusCode()).isEqualTo(204);

		HttpResponse<String> response = this.eureka.get("/apps/CATALOG");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(statusesOf(response.body())).containsExactly("UP");
		assertThat(JsonPath.<List<String>>read(response.body(), "$.application.instance[*].metadata.version"))
			.containsExactly("v1");
	}

	@Test
	void showsAStatusChangeOnTheVeryNextRead() {
		this.eureka.register("FOO", "foo-1", 30);
		assertThat(statusesOf(this.eureka.get("/apps/FOO").body())).containsExactly("UP");

		assertThat(this.eureka.setStatus("FOO", "foo-1", "DOWN").statusCode()).isEqualTo(200);

		// no wait: the registry answers from the read-write cache, invalidated by the change
		assertThat(statusesOf(this.eureka.get("/apps/FOO").body())).containsExactly("DOWN");
		assertThat(statusesOf(this.eureka.get("/apps").body())).contains("DOWN");
	}

	@Test
	void evictsAnInstanceThatStopsHeartbeatingWithinSeconds() {
		ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
		try {
			this.eureka.register("ALIVE", "alive-1", 2);
			heartbeats.scheduleAtFixedRate(() -> this.eureka.heartbeat("ALIVE", "alive-1"), 0, 500,
					TimeUnit.MILLISECONDS);
			long registeredAt = System.nanoTime();
			this.eureka.register("SILENT", "silent-1", 2);
			assertThat(this.eureka.get("/apps/SILENT").statusCode()).isEqualTo(200);

			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> this.eureka.get("/apps/SILENT").statusCode() == 404);

			long evictedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - registeredAt);
			System.out.println("Registry evicted an instance without heartbeats after " + evictedAfter
					+ " ms (lease 2 s)");
			assertThat(statusesOf(this.eureka.get("/apps/ALIVE").body())).containsExactly("UP");
		}
		finally {
			heartbeats.shutdownNow();
		}
	}

	@Test
	void answers404ForAHeartbeatOfAnUnknownInstance() {
		assertThat(this.eureka.heartbeat("NOBODY", "nobody-1").statusCode()).isEqualTo(404);
	}

	@Test
	void keepsSelfPreservationOff() {
		assertThat(this.serverConfig.shouldEnableSelfPreservation()).isFalse();
		assertThat(this.registry.isSelfPreservationModeEnabled()).isFalse();
		assertThat(this.registry.isLeaseExpirationEnabled()).isTrue();
	}

	@Test
	void isTunedToPropagateChangesWithinSeconds() {
		assertThat(this.serverConfig.shouldUseReadOnlyResponseCache()).isFalse();
		assertThat(this.serverConfig.getEvictionIntervalTimerInMs()).isEqualTo(1000);
		assertThat(this.serverConfig.getResponseCacheUpdateIntervalMs()).isEqualTo(1000);
		assertThat(this.serverConfig.getExpectedClientRenewalIntervalSeconds()).isEqualTo(1);
		assertThat(this.serverConfig.getWaitTimeInMsWhenSyncEmpty()).isEqualTo(5000);
	}

	private static List<String> statusesOf(String json) {
		return JsonPath.read(json, "$..instance[*].status");
	}

}
