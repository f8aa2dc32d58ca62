package dev.outrigger.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Route metadata's mirror, header and path rules: copies reach an instance of the mirror
 * version and never change the client's answer; the service sees the rewritten request.
 */
@EdgeIntegrationTest
class EdgeMirrorIntegrationTests {

	private static final FakeUpstream primary = FakeUpstream.start();

	private static final FakeUpstream mirror = FakeUpstream.start();

	@LocalServerPort
	private int port;

	private EdgeClient edge;

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		new TestRoutes().route("echo", "split.v1", "100", "mirror.version", "v2", "mirror.percent", "20")
			.route("dud", "split.v1", "100", "mirror.version", "v2", "mirror.percent", "100")
			.route("edit", "request-headers.add[X-Env]", "staging", "request-headers.remove[0]", "x-debug",
					"response-headers.add.x-served-by", "mesh", "response-headers.remove[0]", "date",
					"rewrite-path.regex", "^/old/(.*)$", "rewrite-path.replacement", "/new/$1")
			.register(registry);
		TestRoutes.instance(registry, "echo", 0, primary.uri(), "v1");
		TestRoutes.instance(registry, "echo", 1, mirror.uri(), "v2");
		TestRoutes.instance(registry, "dud", 0, primary.uri(), "v1");
		TestRoutes.instance(registry, "dud", 1, FakeUpstream.refusingUri(), "v2");
		TestRoutes.instance(registry, "edit", 0, primary.uri(), "v1");
	}

	@AfterAll
	static void stopFakes() {
		primary.close();
		mirror.close();
	}

	@BeforeEach
	void connect() {
		this.edge = new EdgeClient(this.port);
	}

	@Test
	void aboutTheMirrorPercentOfRequestsIsCopiedToTheMirrorVersion() {
		int requests = 1000;
		for (int i = 0; i < requests; i++) {
			HttpResponse<String> response = this.edge.get("/api/echo/mirror/" + i);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("{\"path\":\"/mirror/" + i + "\"}");
		}

		assertThat(primary.received("/mirror/")).hasSize(requests);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			double percent = 100.0 * mirror.received("/mirror/").size() / requests;
			assertThat(percent).isBetween(16.0, 24.0);
		});
		System.out.printf("edge mirror 20 %%: %d requests -> %d copies%n", requests,
				mirror.received("/mirror/").size());
	}

	@Test
	void aMirroredPostCarriesTheWholeBody() {
		String body = "x".repeat(5000);
		for (int i = 0; i < 50; i++) {
			assertThat(this.edge.post("/api/echo/posts/" + i, body).statusCode()).isEqualTo(200);
		}

		await().atMost(Duration.ofSeconds(5)).until(() -> !mirror.received("/posts/").isEmpty());
		assertThat(mirror.received("/posts/")).allSatisfy((copy) -> {
			assertThat(copy.method()).isEqualTo("POST");
			assertThat(copy.bodyLength()).isEqualTo(5000);
		});
	}

	@Test
	void aMirrorThatRefusesConnectionsChangesNothingForTheClient() {
		for (int i = 0; i < 100; i++) {
			HttpResponse<String> response = this.edge.get("/api/dud/items/" + i);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("{\"path\":\"/items/" + i + "\"}");
		}
		assertThat(primary.received("/items/")).hasSize(100);
	}

	@Test
	void headerAndPathRulesShapeTheRequestAndTheAnswer() {
		HttpResponse<String> response = this.edge.get("/api/edit/old/items/7?size=2", "x-debug", "1");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("x-served-by")).hasValue("mesh");
		assertThat(response.headers().firstValue("date")).isEmpty();
		assertThat(primary.received("/new/items/7")).singleElement().satisfies((request) -> {
			assertThat(request.headers()).containsEntry("x-env", "staging").doesNotContainKey("x-debug");
		});
	}

}
