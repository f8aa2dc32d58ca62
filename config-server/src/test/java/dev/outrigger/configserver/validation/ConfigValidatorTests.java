package dev.outrigger.configserver.validation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.outrigger.configserver.source.FolderSource;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigValidatorTests {

	private static final String ROUTES = """
			spring:
			  cloud:
			    gateway:
			      server:
			        webflux:
			          routes:
			            - id: catalog
			              uri: lb://catalog
			              predicates:
			                - Path=/api/catalog/**
			              filters:
			                - StripPrefix=2
			""";

	private final ConfigValidator validator = new ConfigValidator();

	@Test
	void theBundledConfigRepoIsClean() throws IOException {
		Map<String, String> files = new FolderSource(Path.of("../config-repo")).read().files();

		assertThat(this.validator.validate(files)).isEmpty();
	}

	@Test
	void badYamlIsAnErrorWithItsLine() {
		List<Problem> problems = validate("gateway.yml", "spring:\n  cloud:\n    gateway: [unclosed\n  x: 1\n");

		assertThat(problems).singleElement().satisfies((problem) -> {
			assertThat(problem.isError()).isTrue();
			assertThat(problem.file()).isEqualTo("gateway.yml");
			assertThat(problem.line()).isEqualTo(4);
			assertThat(problem.message()).startsWith("not valid YAML");
		});
	}

	@Test
	void anUnknownFilterIsAnErrorNamingItWithAHint() {
		List<Problem> problems = validate("gateway.yml", ROUTES + "                - stripPrefix=1\n"
				+ "                - name: NoSuchFilter\n");

		assertThat(problems).extracting(Problem::toString)
			.satisfiesExactly((typo) -> assertThat(typo)
				.isEqualTo("gateway.yml:13: error: unknown filter 'stripPrefix' (did you mean StripPrefix?)"),
					(unknown) -> assertThat(unknown)
						.startsWith("gateway.yml:14: error: unknown filter 'NoSuchFilter': the gateway offers ")
						.contains("StripPrefix"));
	}

	@Test
	void anUnknownPredicateIsAnError() {
		List<Problem> problems = validate("gateway.yml", ROUTES.replace("Path=", "Pathh="));

		assertThat(problems).extracting(Problem::toString)
			.containsExactly("gateway.yml:10: error: unknown predicate 'Pathh' (did you mean Path?)");
	}

	@Test
	void aBadRegexIsAnErrorInPredicatesFiltersAndPolicy() {
		List<Problem> problems = validate("gateway.yml", ROUTES + "                - RewritePath=/api/(?<rest.*), /${rest}\n"
				+ "              metadata:\n                match:\n                  - header: x-canary\n"
				+ "                    regex: \"[yes\"\n                    version: v2\n");

		assertThat(problems).extracting(Problem::line).containsExactly(13, 17);
		assertThat(problems).allSatisfy((problem) -> assertThat(problem.message()).containsIgnoringCase("regex"));
	}

	@Test
	void splitWeightsThatDoNotAddUpTo100AreAnError() {
		List<Problem> problems = validate("orders.yml", """
				outrigger:
				  sidecar:
				    destinations:
				      catalog:
				        split:
				          v1: 70
				          v2: 20
				""", "catalog.yml", "");

		assertThat(problems).extracting(Problem::toString)
			.containsExactly("orders.yml:6: error: outrigger.sidecar.destinations.catalog: split weights must add up "
					+ "to 100, got 70 + 20 = 90");
	}

	@Test
	void weightPredicatesOfAGroupMustAddUpTo100() {
		String routes = ROUTES.replace("- Path=/api/catalog/**", "- Path=/api/catalog/**\n                - Weight=cat, 70")
				+ "            - id: catalog-v2\n              uri: lb://catalog\n              predicates:\n"
				+ "                - Weight=cat, 20\n";

		assertThat(validate("gateway.yml", routes, "catalog.yml", "")).extracting(Problem::message)
			.containsExactly("the weights of group 'cat' add up to 90 (70 + 20); they must add up to 100");
	}

	@Test
	void spelIsRefusedAnywhere() {
		List<Problem> problems = validate("application.yml", "some:\n  key: \"#{T(java.lang.Runtime).getRuntime()}\"\n");

		assertThat(problems).extracting(Problem::toString)
			.containsExactly("application.yml:2: error: SpEL (#{...}) is not allowed in the config repo: 'some.key'");
	}

	@Test
	void anUnknownPolicyKeyIsAnErrorListingTheKnownOnes() {
		List<Problem> problems = validate("application.yml", "outrigger:\n  sidecar:\n    outbound:\n"
				+ "      retries:\n        attempt: 3\n");

		assertThat(problems).singleElement().satisfies((problem) -> {
			assertThat(problem.line()).isEqualTo(5);
			assertThat(problem.message()).isEqualTo("unknown key 'outrigger.sidecar.outbound.retries.attempt': "
					+ "'attempt' is not one of attempts, backoff, max-backoff, budget-ratio, budget-min-per-second, max-body");
		});
	}

	@Test
	void relaxedNamesAndDottedKeysAreKnown() {
		assertThat(validate("application.yml", "outrigger.sidecar.outbound.retries.maxBackoff: 1s\n"
				+ "outrigger:\n  sidecar:\n    outbound:\n      circuit_breaker:\n        open-for: 2s\n")).isEmpty();
	}

	@Test
	void aBadDurationIsAnError() {
		List<Problem> problems = validate("application.yml", "outrigger:\n  sidecar:\n    outbound:\n      timeout: 5 seconds\n");

		assertThat(problems).extracting(Problem::toString).containsExactly("application.yml:4: error: "
				+ "outrigger.sidecar.outbound.timeout: bad duration '5 seconds': write e.g. 250ms, 2s or 1m (a plain "
				+ "number is milliseconds)");
	}

	@Test
	void theOldRoutePrefixIsAnError() {
		List<Problem> problems = validate("gateway.yml", "spring:\n  cloud:\n    gateway:\n      routes:\n        - id: x\n");

		assertThat(problems).singleElement().satisfies((problem) -> assertThat(problem.message())
			.contains("ignored by Spring Cloud Gateway 5").contains("spring.cloud.gateway.server.webflux.routes"));
	}

	@Test
	void anUnknownServiceIsOnlyAWarning() {
		List<Problem> problems = validate("gateway.yml", ROUTES.replace("lb://catalog", "lb://catalgo"));

		assertThat(problems).extracting(Problem::toString).containsExactly("gateway.yml:8: warning: route uri "
				+ "'lb://catalgo': no service 'catalgo' in the config repo (no catalgo.yml); is the name right?");
	}

	@Test
	void faultPercentsAndStatusesAreCheckedAtTheirLine() {
		String fault = """
				outrigger:
				  sidecar:
				    destinations:
				      catalog:
				        fault:
				          abort:
				            status: %s
				            percent: %s
				""";

		assertThat(validate("orders.yml", fault.formatted("503", "150"))).extracting(Problem::toString)
			.containsExactly("orders.yml:8: error: outrigger.sidecar.destinations.catalog.fault.abort: "
					+ "fault.abort.percent must be 0-100, got 150.0");
		assertThat(validate("orders.yml", fault.formatted("200", "10"))).extracting(Problem::toString)
			.containsExactly("orders.yml:7: error: outrigger.sidecar.destinations.catalog.fault.abort: "
					+ "fault.abort.status must be 400-599, got 200");
	}

	@Test
	void routeTimeoutsReadDurations() {
		assertThat(validate("gateway.yml", ROUTES + "              metadata:\n                response-timeout: 2s\n"
				+ "                connect-timeout: 500\n")).isEmpty();
	}

	@Test
	void aRouteTimeoutThatIsNoDurationIsAnErrorAtItsLine() {
		assertThat(validate("gateway.yml", ROUTES + "              metadata:\n                response-timeout: soon\n"))
			.extracting(Problem::toString)
			.containsExactly("gateway.yml:14: error: spring.cloud.gateway.server.webflux.routes[0].metadata"
					+ ".response-timeout: bad duration 'soon': write e.g. 250ms, 2s or 1m (a plain number is milliseconds)");
	}

	@Test
	void routeRetriesAreTheSameBlockAsInTheSidecar() {
		assertThat(validate("gateway.yml", ROUTES + "              metadata:\n                retries:\n"
				+ "                  attempts: 4\n                  backoff: 50ms\n")).isEmpty();
		assertThat(validate("gateway.yml", ROUTES + "              metadata:\n                retries: 3\n"))
			.extracting(Problem::toString)
			.containsExactly("gateway.yml:14: error: spring.cloud.gateway.server.webflux.routes[0].metadata.retries: "
					+ "takes the keys attempts, backoff, max-backoff, budget-ratio, budget-min-per-second, max-body, "
					+ "not a single value");
	}

	@Test
	void aBlockWrittenAsAValueSaysWhichKeysItTakes() {
		assertThat(validate("gateway.yml", ROUTES + "              metadata:\n                retries: 3\n",
				"application.yml", "outrigger:\n  gateway:\n    retries:\n      attempts: 2\n"))
			.extracting(Problem::toString)
			.containsExactly("gateway.yml:14: error: 'spring.cloud.gateway.server.webflux.routes[0].metadata.retries' "
					+ "takes the keys attempts, backoff, max-backoff, budget-ratio, budget-min-per-second, max-body, "
					+ "not a single value");
	}

	@Test
	void anUnknownRouteMetadataKeyIsAnErrorListingTheKnownOnes() {
		assertThat(validate("gateway.yml", ROUTES + "              metadata:\n                retires: 3\n"))
			.singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.startsWith("unknown key 'spring.cloud.gateway.server.webflux.routes[0].metadata.retires': "
						+ "'retires' is not one of response-timeout, connect-timeout, concurrency-limit, retries, split"));
	}

	@Test
	void aFaultMatchesOnAHeaderOnly() {
		List<Problem> problems = validate("orders.yml", """
				outrigger:
				  sidecar:
				    destinations:
				      catalog:
				        fault:
				          abort:
				            percent: 10
				          when:
				            cookie: canary
				""", "catalog.yml", "");

		assertThat(problems).extracting(Problem::line).containsExactly(9);
	}

	@Test
	void aServicesOwnPolicyIsValidatedLikeADestination() {
		assertThat(validate("catalog.yml", "outrigger:\n  service:\n    split:\n      v1: 90\n      v2: 10\n"
				+ "    timeout: 2s\n    retries:\n      attempts: 3\n")).isEmpty();
		assertThat(validate("catalog.yml", "outrigger:\n  service:\n    split:\n      v1: 90\n      v2: 20\n"))
			.extracting(Problem::toString)
			.containsExactly("catalog.yml:4: error: outrigger.services.catalog: split weights must add up to 100, "
					+ "got 90 + 20 = 110");
		assertThat(validate("catalog.yml", "outrigger:\n  service:\n    timout: 2s\n")).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).startsWith("unknown key 'outrigger.service.timout'"));
	}

	@Test
	void duplicateKeysAreAnError() {
		assertThat(validate("catalog.yml", "a:\n  b: 1\n  b: 2\n")).extracting(Problem::toString)
			.containsExactly("catalog.yml:3: error: duplicate key 'a.b'");
	}

	@Test
	void duplicateRouteIdsAreAnError() {
		String routes = ROUTES + "            - id: catalog\n              uri: lb://catalog\n";

		assertThat(validate("gateway.yml", routes, "catalog.yml", "")).extracting(Problem::toString)
			.containsExactly("gateway.yml:13: error: route id 'catalog' is used twice (first at gateway.yml:7)");
	}

	private List<Problem> validate(String... namesAndContents) {
		Map<String, String> files = new TreeMap<>();
		files.put("catalog.yml", "");
		for (int i = 0; i < namesAndContents.length; i += 2) {
			files.put(namesAndContents[i], namesAndContents[i + 1]);
		}
		return this.validator.validate(files);
	}

}
