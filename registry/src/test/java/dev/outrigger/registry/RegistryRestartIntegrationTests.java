package dev.outrigger.registry;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registry that starts empty (a restart) takes registrations at once but refuses registry
 * fetches for a while, so members keep routing on their last copy instead of fetching a
 * half-empty registry. The pause is stretched here so the test cannot race it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "eureka.server.wait-time-in-ms-when-sync-empty=60000")
class RegistryRestartIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void takesRegistrationsButRefusesFetchesRightAfterStartingEmpty() {
		EurekaRest eureka = new EurekaRest(this.port);

		assertThat(eureka.register("CATALOG", "catalog-1", 30).statusCode()).isEqualTo(204);

		assertThat(eureka.get("/apps").statusCode()).isEqualTo(403);
		assertThat(eureka.get("/apps/CATALOG").statusCode()).isEqualTo(403);
	}

}
