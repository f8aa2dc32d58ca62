package dev.outrigger.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two gateways share one rate limit through a real {@code redis-server} child process, each
 * falls back to its own buckets while Redis is gone, and they share again once it is back. Skipped where no
 * {@code redis-server} binary is installed.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedRateLimitIntegrationTests {

	private static final int BURST = 10;

	private static FakeUpstream upstream;

	private static FakeConfigServer configServer;

	private static RedisProcess redis;

	private static final List<ConfigurableApplicationContext> gateways = new ArrayList<>();

	private static final List<EdgeClient> edges = new ArrayList<>();

	@BeforeAll
	static void startRedisAndTwoGateways() {
		assumeTrue(RedisProcess.available(), "redis-server is not installed");
		redis = RedisProcess.start();
		upstream = FakeUpstream.start();
		configServer = FakeConfigServer.start();
		Map<String, String> config = new TreeMap<>(new TestRoutes()
			.route("quota", "rate-limit.per-second", "0.2", "rate-limit.burst", Integer.toString(BURST),
					"rate-limit.per-caller", "false")
			.properties());
		config.put("spring.cloud.discovery.client.simple.instances.quota[0].uri", upstream.uri());
		configServer.serve(config);
		configServer.useAsConfigServerOfTheNextGateway();
		for (int i = 0; i < 2; i++) {
			ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
					"--server.port=0", "--eureka.client.enabled=false", "--outrigger.config-watch.enabled=false",
					"--management.tracing.export.enabled=false",
					"--outrigger.gateway.rate-limit.redis-url=" + redis.url(),
					// This test is about sharing, not about a slow first call on a busy machine.
					"--outrigger.gateway.rate-limit.redis-timeout=2s");
			gateways.add(gateway);
			edges.add(new EdgeClient(Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"))));
		}
	}

	@AfterAll
	static void stopEverything() {
		gateways.forEach(ConfigurableApplicationContext::close);
		for (AutoCloseable closeable : new AutoCloseable[] { redis, upstream, configServer }) {
			if (closeable != null) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
	}

	@Test
	@Order(1)
	void twoGatewaysShareOneLimitThroughRedis() {
		int[] allowed = new int[2];
		List<HttpResponse<String>> refused = new ArrayList<>();
		for (int i = 0; i < 2 * BURST; i++) {
			int gateway = i % 2;
			HttpResponse<String> response = edges.get(gateway).get("/api/quota/shared/" + i);
			if (response.statusCode() == 200) {
				allowed[gateway]++;
			}
			else {
				refused.add(response);
			}
		}

		System.out.printf("edge shared rate limit (burst %d, Redis): %d requests over two gateways -> %d + %d "
				+ "allowed%n", BURST, 2 * BURST, allowed[0], allowed[1]);
		assertThat(allowed[0] + allowed[1]).isBetween(BURST, BURST + 1);
		assertThat(allowed[0]).isGreaterThan(0);
		assertThat(allowed[1]).isGreaterThan(0);
		assertThat(refused).allSatisfy((response) -> {
			assertThat(response.statusCode()).isEqualTo(429);
			// 0.2 tokens per second: the next one within 5 s
			assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 5L);
		});
	}

	@Test
	@Order(2)
	void withRedisGoneEachGatewayFallsBackToItsOwnBucketAndSaysSoOnce(CapturedOutput output) {
		redis.close();

		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < BURST + 3; i++) {
			statuses.add(edges.get(0).get("/api/quota/local/" + i).statusCode());
		}

		System.out.println("edge rate limit with Redis down: " + statuses);
		assertThat(statuses.subList(0, BURST)).containsOnly(200);
		assertThat(statuses.subList(BURST, BURST + 3)).containsOnly(429);
		String log = output.getAll();
		assertThat(log.split("cannot be reached", -1)).hasSize(2);
		assertThat(log).contains("rate limits fall back to this gateway's own buckets");
	}

	@Test
	@Order(3)
	void onceRedisIsBackTheGatewaysShareTheLimitAgain(CapturedOutput output) {
		redis = RedisProcess.start(redis.port());

		// The local bucket of gateway 0 is empty; a fresh bucket in the new Redis lets requests through.
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> edges.get(0).get("/api/quota/back/" + System.nanoTime()).statusCode() == 200);

		assertThat(output.getAll()).contains("answers again: rate limits are shared again");
	}

}
