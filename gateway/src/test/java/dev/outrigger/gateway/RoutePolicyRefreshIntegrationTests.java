package dev.outrigger.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A route's traffic policy edited in the config repo applies without a restart; an edit that
 * does not bind is refused and the route keeps the policy it had.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "management.tracing.export.enabled=false",
				"outrigger.config-watch.interval=200ms" })
class RoutePolicyRefreshIntegrationTests {

	private static final FakeUpstream v1 = FakeUpstream.start();

	private static final FakeUpstream v2 = FakeUpstream.start();

	private static final FakeConfigServer configServer = FakeConfigServer.start();

	static {
		configServer.serve(config("100", "0"));
		configServer.useAsConfigServerOfTheNextGateway();
	}

	@LocalServerPort
	private int port;

	private EdgeClient edge;

	@AfterAll
	static void stopFakes() {
		v1.close();
		v2.close();
		configServer.close();
	}

	@BeforeEach
	void connect() {
		this.edge = new EdgeClient(this.port);
	}

	@Test
	void aSplitEditedInTheConfigRepoAppliesAndABadEditKeepsIt(CapturedOutput output) {
		assertThat(servedBy("/api/shop/first/")).isSameAs(v1);

		configServer.serve(config("0", "100"));
		await().atMost(Duration.ofSeconds(10)).until(() -> servedBy("/api/shop/second/") == v2);

		configServer.serve(config("60", "60"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> output.getAll().contains("Route 'shop': refusing its policy"));
		assertThat(output.getAll()).contains("split weights must add up to 100")
			.contains("keeping the previous policy");
		// the same refresh rebinds the fake's instance list, briefly empty: wait until it is back
		await().atMost(Duration.ofSeconds(10)).until(() -> this.edge.get("/api/shop/settled").statusCode() == 200);
		for (int i = 0; i < 20; i++) {
			assertThat(servedBy("/api/shop/third/")).isSameAs(v2);
		}
	}

	private FakeUpstream servedBy(String prefix) {
		String path = prefix + System.nanoTime();
		assertThat(this.edge.get(path).statusCode()).isEqualTo(200);
		String received = path.substring("/api/shop".length());
		return v1.received(received).isEmpty() ? v2 : v1;
	}

	private static Map<String, String> config(String weightV1, String weightV2) {
		Map<String, String> config = new TreeMap<>(
				new TestRoutes().route("shop", "split.v1", weightV1, "split.v2", weightV2).properties());
		String instances = "spring.cloud.discovery.client.simple.instances.shop";
		config.put(instances + "[0].uri", v1.uri());
		config.put(instances + "[0].metadata.version", "v1");
		config.put(instances + "[1].uri", v2.uri());
		config.put(instances + "[1].metadata.version", "v2");
		return config;
	}

}
