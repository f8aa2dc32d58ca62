package dev.outrigger.gateway.traffic;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.env.StandardEnvironment;

import dev.outrigger.core.policy.RoutePolicy;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class RoutePoliciesTests {

	private final RoutePolicies policies = new RoutePolicies(Flux::empty, new StandardEnvironment());

	@Test
	void bindsTheSpecKeysOfARoutesMetadata() {
		RouteTraffic traffic = this.policies.forRoute(route("shop", Map.of("split.v1", "90", "split.v2", "10",
				"rate-limit.per-second", "5", "fault.abort.percent", "50", "fault.abort.status", "503")));

		assertThat(traffic.policy().split()).containsEntry("v1", 90).containsEntry("v2", 10);
		assertThat(traffic.policy().fault().abort().status()).isEqualTo(503);
		assertThat(traffic.limiter()).isNotNull();
	}

	@Test
	void aRouteWithoutTrafficKeysHasNoPolicy() {
		assertThat(this.policies.forRoute(route("plain", Map.of("response-timeout", "100")))).isNull();
	}

	@Test
	void theSamePolicyIsNotBoundAgainWhenTheRouteIsRebuilt() {
		RouteTraffic first = this.policies.forRoute(route("shop", Map.of("split.v1", "100")));

		assertThat(this.policies.forRoute(route("shop", Map.of("split.v1", "100")))).isSameAs(first);
	}

	@Test
	void editingAnotherKeyKeepsTheRoutesTokenBuckets() {
		RouteTraffic first = this.policies.forRoute(route("shop", Map.of("rate-limit.per-second", "5")));

		RouteTraffic edited = this.policies
			.forRoute(route("shop", Map.of("rate-limit.per-second", "5", "request-headers.add.X-Env", "a")));
		RouteTraffic limitChanged = this.policies.forRoute(route("shop", Map.of("rate-limit.per-second", "6")));

		assertThat(edited).isNotSameAs(first);
		assertThat(edited.limiter()).isSameAs(first.limiter());
		assertThat(limitChanged.limiter()).isNotSameAs(first.limiter());
	}

	@Test
	void aBadPolicyIsRefusedNamingRouteAndKeyAndThePreviousOneIsKept(CapturedOutput output) {
		RouteTraffic good = this.policies.forRoute(route("shop", Map.of("rate-limit.per-second", "5")));

		RouteTraffic kept = this.policies.forRoute(route("shop", Map.of("rate-limit.per-second", "-1")));

		assertThat(kept).isSameAs(good);
		assertThat(output).contains("Route 'shop': refusing its policy, metadata.rate-limit: ")
			.contains("rate-limit.per-second must be above 0, got -1.0")
			.contains("keeping the previous policy");
	}

	@Test
	void aBadFirstPolicyLeavesTheRouteWithoutOne(CapturedOutput output) {
		assertThat(this.policies.forRoute(route("shop", Map.of("split.v1", "abc")))).isNull();

		assertThat(output)
			.contains("Route 'shop': refusing its policy, metadata.split.v1: 'abc' is not a number")
			.contains("the route runs with the gateway's policy");
	}

	@Test
	void aRouteWhosePolicyWasRefusedGetsTheGatewaysPolicyBoundOnceNotPerRequest() {
		Route route = route("shop", Map.of("split.v1", "abc"));

		RoutePolicy first = this.policies.resilience(route);

		assertThat(first.retries().attempts()).isEqualTo(2);
		assertThat(this.policies.resilience(route)).isSameAs(first);
	}

	@Test
	void versionRulesOnARouteToAPlainUrlAreReportedAsDoingNothing(CapturedOutput output) {
		Route route = Route.async()
			.id("site")
			.uri("http://127.0.0.1:9000")
			.predicate((exchange) -> true)
			.metadata(Map.of("split", Map.of("v1", "100")))
			.build();

		assertThat(this.policies.forRoute(route)).isNotNull();
		assertThat(output).contains("Route 'site': split, match and mirror choose among the instances of an lb:// "
				+ "service; they do nothing for http://127.0.0.1:9000");
	}

	/** A route whose metadata nests {@code a.b.c=v} as YAML would. */
	private static Route route(String id, Map<String, String> flat) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		flat.forEach((key, value) -> {
			Map<String, Object> level = metadata;
			String[] parts = key.split("\\.");
			for (int i = 0; i < parts.length - 1; i++) {
				level = nested(level, parts[i]);
			}
			level.put(parts[parts.length - 1], value);
		});
		return Route.async().id(id).uri("lb://" + id).predicate((exchange) -> true).metadata(metadata).build();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> nested(Map<String, Object> level, String name) {
		return (Map<String, Object>) level.computeIfAbsent(name, (key) -> new LinkedHashMap<String, Object>());
	}

}
