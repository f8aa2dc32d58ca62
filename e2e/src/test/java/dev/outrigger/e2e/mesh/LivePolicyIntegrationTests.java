package dev.outrigger.e2e.mesh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A commit to the config repo is live on the gateway and on every sidecar within a
 * second, under load, with no request lost; an invalid commit is refused as a whole and
 * every member keeps the last good revision.
 */
class LivePolicyIntegrationTests extends LiveConfigTests {

	private static final int COMMITS = 20;

	@Test
	void everyMemberRunsEachCommitWithinASecondAndNoRequestFails() throws Exception {
		Map<String, List<Long>> times = new LinkedHashMap<>();
		List<Long> routeLive = new ArrayList<>();
		String gateway = mesh.url("gateway", "http");
		LoadReport report;
		try (SteadyLoad load = SteadyLoad.start("20 route commits", 4, 40, calls.itemViaGateway(),
				calls.itemViaOrdersSidecar())) {
			for (int i = 1; i <= COMMITS; i++) {
				String path = "/api/probe-" + i;
				String route = "            - id: probe-" + i + "\n              uri: lb://catalog\n"
						+ "              predicates:\n                - Path=" + path + "/**\n"
						+ "              filters:\n                - StripPrefix=2\n";
				long start = System.nanoTime();
				String commit = mesh.configRepo().edit("gateway.yml", replaceProbeRoute(route), "probe route " + i);
				var members = revisions.timeUntilOn(commit, start, Duration.ofSeconds(15));
				await("route " + path + " on the gateway").atMost(Duration.ofSeconds(15))
					.pollDelay(Duration.ZERO)
					.pollInterval(Duration.ofMillis(10))
					.until(() -> Http.get(gateway + path + "/items/1").status() == 200);
				routeLive.add((System.nanoTime() - start) / 1_000_000);
				members.get().forEach((member, millis) -> times.computeIfAbsent(member, (m) -> new ArrayList<>()).add(millis));
			}
			report = load.stop();
		}
		System.out.printf("Config propagation over %d commits (ms from git commit to the member running it):%n", COMMITS);
		System.out.println("  " + summary("new route answering at the gateway", routeLive));
		times.forEach((member, millis) -> System.out.println("  " + summary(member, millis)));
		assertThat(times.keySet()).containsExactlyInAnyOrderElementsOf(revisions.members());
		assertThat(times.values()).allSatisfy((millis) -> assertThat(millis).hasSize(COMMITS));
		assertThat(report.failureCounts()).as(report.summary()).isEmpty();
	}

	private static UnaryOperator<String> replaceProbeRoute(String route) {
		return (yaml) -> {
			int start = yaml.indexOf("            - id: probe-");
			String without = (start < 0) ? yaml
					: yaml.substring(0, start) + yaml.substring(yaml.indexOf("StripPrefix=2\n", start) + 14);
			return without.replace(ROUTES_KEY, ROUTES_KEY + route);
		};
	}

	@Test
	void refusesEachInvalidCommitAsAWholeAndKeepsServingTheLastGoodOne() throws Exception {
		Map<String, UnaryOperator<String>> invalid = new LinkedHashMap<>();
		invalid.put("gateway.yml: bad YAML", (yaml) -> yaml.replace("uri: lb://catalog", "uri: [lb://catalog"));
		invalid.put("gateway.yml: unknown filter", (yaml) -> yaml.replace("- StripPrefix=2", "- StripPrefixx=2"));
		invalid.put("gateway.yml: bad regex", (yaml) -> yaml.replace("- Path=/api/catalog/**",
				"- Path=/api/catalog/**\n                - Header=x-canary, [yes"));
		invalid.put("orders.yml: weights 70/20", (yaml) -> yaml + "    destinations:\n      catalog:\n"
				+ "        split:\n          v1: 70\n          v2: 20\n");
		invalid.put("application.yml: SpEL", (yaml) -> yaml.replace("timeout: 5s", "timeout: \"#{'5s'}\""));
		String good = revisions.served().path("revision").asString();
		LoadReport report;
		try (SteadyLoad load = SteadyLoad.start("5 invalid commits", 4, 40, calls.itemViaGateway(),
				calls.itemViaOrdersSidecar())) {
			for (Map.Entry<String, UnaryOperator<String>> edit : invalid.entrySet()) {
				String file = edit.getKey().substring(0, edit.getKey().indexOf(':'));
				String original = mesh.configRepo().read(file);
				String bad = mesh.configRepo().edit(file, edit.getValue(), "invalid: " + edit.getKey());
				await(edit.getKey() + " refused").atMost(Duration.ofSeconds(5))
					.until(() -> bad.equals(revisions.served().path("refused").path("revision").asString()));
				JsonNode problems = revisions.served().path("refused").path("problems");
				System.out.printf("%s: refused: %s%n", edit.getKey(), problems);
				assertThat(problems.get(0).asString()).as(edit.getKey()).matches(file + ":\\d+: error: .+");
				assertThat(revisions.served().path("revision").asString()).isEqualTo(good);
				String status = mesh.mesh(Duration.ofSeconds(30), "status");
				assertThat(status).contains("REFUSED revision " + bad.substring(0, 12));
				for (String member : revisions.members()) {
					assertThat(revisions.of(member)).as(member + " stayed on the last good revision").isEqualTo(good);
				}
				// the undo is a new (valid) commit: the last good revision from now on
				good = mesh.configRepo().write(file, original, "undo: " + edit.getKey());
				revisions.timeUntilOn(good, System.nanoTime(), Duration.ofSeconds(15)).get();
			}
			commit("catalog.yml", (yaml) -> yaml + "# valid again\n", "a valid commit");
			assertThat(revisions.served().has("refused")).isFalse();
			report = load.stop();
		}
		assertThat(report.failureCounts()).as(report.summary()).isEmpty();
	}

	/** {@code name: median, p99 (nearest rank: of 20 samples, the largest) and max}. */
	static String summary(String name, List<Long> millis) {
		List<Long> sorted = millis.stream().sorted().toList();
		int n = sorted.size();
		return String.format("%-34s median %4d  p99 %4d  max %4d  (n=%d)", name, sorted.get(n / 2),
				sorted.get(Math.max(0, (int) Math.ceil(n * 0.99) - 1)), sorted.get(n - 1), n);
	}

}
