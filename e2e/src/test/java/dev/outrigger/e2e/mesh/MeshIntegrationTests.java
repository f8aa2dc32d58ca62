package dev.outrigger.e2e.mesh;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shop through the whole mesh: gateway → sidecar → orders → sidecar → catalog and
 * payments, over real processes started once by the launcher.
 */
@ExtendWith(MeshPlatformExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MeshIntegrationTests {

	private static final String ROUTES_KEY = "          routes:\n";

	private static final String SHOP_ROUTE = """
			            - id: shop
			              uri: lb://catalog
			              predicates:
			                - Path=/api/shop/**
			              filters:
			                - StripPrefix=2
			""";

	private static MeshPlatform mesh;

	private static String gateway;

	@BeforeAll
	static void startMesh(MeshPlatform platform) {
		mesh = platform;
		gateway = platform.url("gateway", "http");
	}

	@Test
	@Order(1)
	void placesAnOrderThroughTheGatewayWithTotalAndApprovedPayment() {
		JsonNode item = Http.get(gateway + "/api/catalog/items/2").json();
		Http.Reply created = Http.postJson(gateway + "/api/orders", "{\"itemId\":2,\"quantity\":3}", Map.of());
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode order = created.json();
		assertThat(order.path("itemId").asInt()).isEqualTo(2);
		assertThat(order.path("quantity").asInt()).isEqualTo(3);
		assertThat(order.path("total").decimalValue())
			.isEqualByComparingTo(item.path("price").decimalValue().multiply(java.math.BigDecimal.valueOf(3)));
		assertThat(order.path("paymentId").asString()).isNotBlank();
		Http.Reply fetched = Http.get(gateway + "/api/orders/" + order.path("id").asString());
		assertThat(fetched.status()).as(fetched.toString()).isEqualTo(200);
	}

	@Test
	@Order(2)
	void registersEveryInstanceAtItsSidecarInboundAddress() {
		Map<String, Integer> replicas = Map.of("catalog", MeshPlatform.CATALOG_REPLICAS, "orders", 1, "payments", 1);
		replicas.forEach((service, count) -> {
			List<JsonNode> instances = Eureka.instances(mesh.url("registry", "http"), service);
			assertThat(instances).as(service).hasSize(count);
			for (int i = 1; i <= count; i++) {
				int inbound = mesh.port(service + "-" + i + "-sidecar", "inbound");
				JsonNode instance = instances.stream()
					.filter((candidate) -> candidate.path("port").path("$").asInt() == inbound)
					.findFirst()
					.orElseThrow(() -> new AssertionError(service + ": no instance at the sidecar's inbound port "
							+ inbound + " in " + instances));
				assertThat(inbound).as(service).isNotEqualTo(mesh.port(service + "-" + i, "http"));
				assertThat(instance.path("status").asString()).as(service).isEqualTo("UP");
				// the platform labels catalog-2 v2 (./mesh up --set-version catalog-2=v2)
				String version = (service + "-" + i).equals("catalog-2") ? "v2" : "v1";
				assertThat(instance.path("metadata").path("version").asString()).as(service + "-" + i).isEqualTo(version);
			}
		});
	}

	@Test
	@Order(3)
	void answersUnknownServicesAndInternalServicesWithJsonErrors() {
		Http.Reply payments = Http.get(gateway + "/api/payments/anything");
		assertThat(payments.status()).isEqualTo(404);
		assertThat(payments.json().path("error").asString()).isEqualTo("route_not_found");
		Http.Reply unknown = Http.get(mesh.url("orders-1-sidecar", "outbound") + "/no-such-service/items");
		assertThat(unknown.status()).isEqualTo(503);
		assertThat(unknown.json().path("service").asString()).isEqualTo("no-such-service");
		assertThat(unknown.header("X-Outrigger-Error")).isEqualTo("unknown_service");
	}

	@Test
	@Order(4)
	void reportsOneTraceAcrossGatewaySidecarsAndServices() {
		String traceId = Zipkin.newTraceId();
		Http.Reply created = Http.postJson(gateway + "/api/orders", "{\"itemId\":1,\"quantity\":1}",
				Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String zipkin = mesh.url("zipkin", "http");
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			JsonNode spans = Zipkin.trace(zipkin, traceId);
			assertThat(Zipkin.serviceNames(spans)).contains("gateway", "orders", "catalog", "payments");
			assertThat(Zipkin.spanNames(spans)).contains("inbound post", "outbound get catalog",
					"outbound post payments", "inbound get");
		});
		JsonNode spans = Zipkin.trace(zipkin, traceId);
		System.out.println("Trace " + traceId + ": " + spans.size() + " spans " + Zipkin.summary(spans));
	}

	@Test
	@Order(5)
	void measuresOrderLatencyThroughTheMesh() throws Exception {
		int requests = 100;
		long[] micros = new long[requests];
		try (RawHttpClient client = new RawHttpClient(mesh.port("gateway", "http"))) {
			for (int i = 0; i < requests; i++) {
				long start = System.nanoTime();
				int status = client.postJson("/api/orders", "{\"itemId\":3,\"quantity\":1}");
				micros[i] = (System.nanoTime() - start) / 1000;
				assertThat(status).isEqualTo(201);
			}
		}
		java.util.Arrays.sort(micros);
		System.out.printf("POST /api/orders through the mesh, %d sequential requests on one connection: "
				+ "p50 %.1f ms, p90 %.1f ms, max %.1f ms%n", requests, micros[requests / 2] / 1000.0,
				micros[requests * 9 / 10] / 1000.0, micros[requests - 1] / 1000.0);
	}

	@Test
	@Order(6)
	void appliesARouteEditedInTheConfigRepoWithoutRestart() throws Exception {
		long gatewayPid = mesh.pid("gateway");
		assertThat(Http.get(gateway + "/api/shop/items/1").status()).isEqualTo(404);
		long start = System.nanoTime();
		String original = mesh.configRepo().read("gateway.yml");
		mesh.configRepo().edit("gateway.yml", (yaml) -> yaml.replace(ROUTES_KEY, ROUTES_KEY + SHOP_ROUTE),
				"add the shop route");
		try {
			await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
				.until(() -> Http.get(gateway + "/api/shop/items/1").status() == 200);
			System.out.printf("Route edit applied after %d ms%n", (System.nanoTime() - start) / 1_000_000);
			assertThat(mesh.pid("gateway")).isEqualTo(gatewayPid);
			assertThat(Http.get(gateway + "/api/shop/items/1").json().path("id").asInt()).isEqualTo(1);
		}
		finally {
			mesh.awaitConfig(mesh.configRepo().write("gateway.yml", original, "remove the shop route"), "gateway");
		}
	}

	@Test
	@Order(7)
	void stoppedAppsTurnDownAnswer503AndTrafficReturnsWhenTheyComeBack() throws Exception {
		String registry = mesh.url("registry", "http");
		String[] catalogs = mesh.catalogInstances().toArray(String[]::new);
		mesh.stop(catalogs);
		long stopped = System.nanoTime();
		await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			Http.Reply reply = Http.get(gateway + "/api/catalog/items/1");
			assertThat(reply.status()).isEqualTo(503);
			assertThat(reply.json().path("service").asString()).isEqualTo("catalog");
		});
		await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
			.until(() -> Eureka.instances(registry, "catalog")
				.stream()
				.allMatch((instance) -> "DOWN".equals(instance.path("status").asString())));
		System.out.printf("catalog apps stopped: all DOWN in the registry after %d ms%n",
				(System.nanoTime() - stopped) / 1_000_000);
		mesh.start(catalogs);
		long healthy = System.nanoTime();
		await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
			.until(() -> Http.get(gateway + "/api/catalog/items/1").status() == 200);
		System.out.printf("catalog apps back: traffic again %d ms after they were healthy%n",
				(System.nanoTime() - healthy) / 1_000_000);
	}

	static Set<String> names(JsonNode nodes, String field) {
		Set<String> names = new HashSet<>();
		nodes.forEach((node) -> names.add(node.path(field).asString()));
		return names;
	}

}
