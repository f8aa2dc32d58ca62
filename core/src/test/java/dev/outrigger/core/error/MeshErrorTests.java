package dev.outrigger.core.error;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MeshErrorTests {

	@Test
	void noHealthyInstanceIs503NamingTheService() {
		assertThat(MeshError.noHealthyInstance("catalog").toJson()).isEqualTo(
				"{\"status\":503,\"error\":\"no_healthy_instance\",\"message\":\"no healthy instance of service 'catalog'\",\"service\":\"catalog\"}");
	}

	@Test
	void unknownServiceIs503NamingTheService() {
		assertThat(MeshError.unknownService("ghost").toJson()).isEqualTo(
				"{\"status\":503,\"error\":\"unknown_service\",\"message\":\"service 'ghost' is not known to the registry\",\"service\":\"ghost\"}");
	}

	@Test
	void upstreamTimeoutIs504WithTheDeadlineInMillis() {
		assertThat(MeshError.upstreamTimeout("catalog", Duration.ofSeconds(5)).toJson()).isEqualTo(
				"{\"status\":504,\"error\":\"upstream_timeout\",\"message\":\"service 'catalog' did not answer within 5000 ms\",\"service\":\"catalog\"}");
	}

	@Test
	void upstreamUnreachableIs503WithTheDetail() {
		assertThat(MeshError.upstreamUnreachable("catalog", "connection refused").toJson()).isEqualTo(
				"{\"status\":503,\"error\":\"upstream_unreachable\",\"message\":\"service 'catalog' could not be reached: connection refused\",\"service\":\"catalog\"}");
	}

	@Test
	void circuitOpenIs503NamingTheService() {
		assertThat(MeshError.circuitOpen("orders").toJson()).isEqualTo(
				"{\"status\":503,\"error\":\"circuit_open\",\"message\":\"circuit breaker for service 'orders' is open after repeated failures\",\"service\":\"orders\"}");
	}

	@Test
	void routeNotFoundIs404WithoutService() {
		assertThat(MeshError.routeNotFound("/api/nothing").toJson()).isEqualTo(
				"{\"status\":404,\"error\":\"route_not_found\",\"message\":\"no route matches path /api/nothing\"}");
	}

	@Test
	void appUnavailableIs503NamingTheAppsService() {
		assertThat(MeshError.appUnavailable("payments", "connection refused").toJson()).isEqualTo(
				"{\"status\":503,\"error\":\"app_unavailable\",\"message\":\"the application of service 'payments' is not reachable: connection refused\",\"service\":\"payments\"}");
	}

	@Test
	void badRequestIs400WithTheGivenMessage() {
		assertThat(MeshError.badRequest("no service name").toJson())
			.isEqualTo("{\"status\":400,\"error\":\"bad_request\",\"message\":\"no service name\"}");
	}

	@Test
	void internalErrorIs500AndKeepsTheDetailOutOfTheAnswer() {
		assertThat(MeshError.internalError().toJson()).isEqualTo(
				"{\"status\":500,\"error\":\"internal_error\",\"message\":\"the mesh failed to handle the request; see its log\"}");
	}

	@Test
	void escapesQuotesAndBackslashes() {
		MeshError error = MeshError.routeNotFound("/a\"b\\c");

		assertThat(error.toJson()).contains("\"message\":\"no route matches path /a\\\"b\\\\c\"");
		assertThat(parse(error).get("message")).isEqualTo("no route matches path /a\"b\\c");
	}

	@Test
	void escapesNewlinesTabsAndCarriageReturns() {
		MeshError error = MeshError.badRequest("line1\nline2\r\tend");

		assertThat(error.toJson()).contains("\"message\":\"line1\\nline2\\r\\tend\"");
		assertThat(parse(error).get("message")).isEqualTo("line1\nline2\r\tend");
	}

	@Test
	void escapesOtherControlCharactersAsUnicode() {
		MeshError error = MeshError.badRequest("bell\u0007nul\u0000esc\u001b");

		assertThat(error.toJson()).contains("\"message\":\"bell\\u0007nul\\u0000esc\\u001b\"");
		assertThat(parse(error).get("message")).isEqualTo("bell\u0007nul\u0000esc\u001b");
	}

	@Test
	void escapesTheServiceNameToo() {
		MeshError error = MeshError.unknownService("evil\"}");

		assertThat(parse(error)).containsEntry("service", "evil\"}").containsEntry("status", 503);
	}

	@Test
	void writesNonAsciiAsUtf8Bytes() {
		MeshError error = MeshError.badRequest("café ☕");

		assertThat(new String(error.toJsonBytes(), StandardCharsets.UTF_8)).isEqualTo(error.toJson());
		assertThat(error.toJsonBytes()).hasSize(error.toJson().length() + 3);
	}

	@Test
	void namesItsReasonHeader() {
		assertThat(MeshError.HEADER).isEqualTo("X-Outrigger-Error");
	}

	private static Map<String, Object> parse(MeshError error) {
		return JsonPath.parse(error.toJson()).read("$");
	}

	@Test
	void noHealthyInstanceOfAVersionNamesServiceAndVersion() {
		assertThat(MeshError.noHealthyInstance("catalog", "v2").message())
			.isEqualTo("no healthy instance of version 'v2' of service 'catalog'");
		assertThat(MeshError.noHealthyInstance("catalog", null)).isEqualTo(MeshError.noHealthyInstance("catalog"));
	}

	@Test
	void faultInjectedCarriesTheConfiguredStatus() {
		MeshError error = MeshError.faultInjected("catalog", 418);
		assertThat(error.status()).isEqualTo(418);
		assertThat(error.error()).isEqualTo("fault_injected");
	}

	@Test
	void rateLimitedIs429WithTheWait() {
		MeshError error = MeshError.rateLimited("catalog", 3);
		assertThat(error.status()).isEqualTo(429);
		assertThat(error.error()).isEqualTo("rate_limited");
		assertThat(error.message()).contains("retry after 3 s");
	}

}
