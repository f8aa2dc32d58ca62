package dev.outrigger.configserver.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.outrigger.core.policy.GatewayVocabulary;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayRoutesTests {

	private static final String ROUTE = """
			spring.cloud.gateway.server.webflux.routes:
			  - id: catalog
			    uri: lb://catalog
			    predicates: [ "Path=/api/catalog/**" ]
			    filters:
			      - StripPrefix=2
			""";

	/** A gateway with a few of Spring Cloud Gateway's factories and two of its own. */
	private static final GatewayVocabulary WITH_CUSTOM_FILTER = GatewayVocabulary
		.load("dev/outrigger/configserver/validation/gateway-vocabulary-with-custom-filter.properties");

	@Test
	void filtersAndPredicatesOfSpringCloudGatewayAreAccepted() {
		assertThat(check(ROUTE + "      - AddResponseHeader=X-Edge, catalog\n"
				+ "      - name: SetStatus\n        args:\n          status: 418\n"))
			.isEmpty();
	}

	@Test
	void aTypoIsRefusedWithTheNameItWasMeantToBe() {
		assertThat(check(ROUTE.replace("StripPrefix=2", "StripPrefx=2"))).extracting(Problem::toString)
			.containsExactly("gateway.yml:6: error: unknown filter 'StripPrefx' (did you mean StripPrefix?)");
	}

	@Test
	void anUnknownNameWithNoNearOneListsWhatTheGatewayOffers() {
		assertThat(check(ROUTE.replace("Path=", "Spelunk="))).singleElement()
			.extracting(Problem::message)
			.asString()
			.startsWith("unknown predicate 'Spelunk': the gateway offers After, Before, Between, ")
			.contains(", Path, ");
	}

	@Test
	void defaultFiltersAreCheckedToo() {
		String defaults = """
				spring.cloud.gateway.server.webflux.default-filters:
				  - SaveSession
				  - SecureHeader
				""";

		assertThat(check(defaults)).extracting(Problem::toString)
			.containsExactly("gateway.yml:3: error: unknown filter 'SecureHeader' (did you mean SecureHeaders?)");
	}

	@Test
	void aFilterOfTheGatewaysOwnIsAcceptedOnceTheGatewayOffersIt() {
		String route = ROUTE + "      - FaultInjection=10, 503\n";

		assertThat(check(route, WITH_CUSTOM_FILTER)).isEmpty();
		assertThat(check(route)).extracting(Problem::message).singleElement().asString()
			.startsWith("unknown filter 'FaultInjection'");
	}

	@Test
	void theRegexArgumentIsFoundByItsNameAmongTheFactorysArguments() {
		assertThat(check(ROUTE + "      - RewriteResponseHeader=Location, [yes, /\n"))
			.extracting(Problem::toString)
			.containsExactly("gateway.yml:7: error: bad regex '[yes': Unclosed character class at index 3");
		assertThat(check(ROUTE + "      - CanaryByHeader=x-canary, [yes\n", WITH_CUSTOM_FILTER))
			.extracting(Problem::message)
			.containsExactly("bad regex '[yes': Unclosed character class at index 3");
	}

	private static List<Problem> check(String yaml) {
		return check(yaml, GatewayVocabulary.load());
	}

	private static List<Problem> check(String yaml, GatewayVocabulary gateway) {
		List<Problem> problems = new ArrayList<>();
		List<Setting> settings = ConfigFiles.read("gateway.yml", yaml, problems);
		GatewayRoutes.check(settings, Set.of("catalog"), gateway, problems);
		return problems;
	}

}
