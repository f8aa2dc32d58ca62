package dev.outrigger.e2e.compose;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code docker-compose.yml}: it follows the Compose Specification and keeps the mesh's
 * rules, checked without a Docker engine.
 */
class ComposeFileTests {

	private final ComposeSchema schema = new ComposeSchema();

	private final ComposeContract contract = new ComposeContract(ComposeFile.repositoryRoot());

	@Test
	void composeFileFollowsComposeSpecification() {
		assertThat(this.schema.violations(ComposeFile.read())).isEmpty();
	}

	@Test
	void composeFileKeepsMeshContract() {
		assertThat(this.contract.problems(ComposeFile.read())).isEmpty();
	}

	@Test
	void schemaRejectsBrokenDocumentNamingEachFault() {
		JsonNode broken = ComposeFile.parse("services: {x: {image: busybox, ports: not-a-list, unknown_key: 1}}");

		List<String> violations = this.schema.violations(broken);

		assertThat(violations).anySatisfy((line) -> assertThat(line).contains("ports").contains("array"))
			.anySatisfy((line) -> assertThat(line).contains("unknown_key"));
	}

	@Test
	void sidecarOutsideAnAppNamespaceIsReported() {
		JsonNode compose = ComposeFile.read();
		service(compose, "catalog-sidecar").put("network_mode", "service:nowhere");

		assertThat(this.contract.problems(compose)).contains(
				"catalog-sidecar: network_mode 'service:nowhere' must be service:<an app service>",
				"catalog: has 0 sidecars sharing its network namespace, expected 1");
	}

	@Test
	void sidecarPointingAtAnotherAppPortIsReported() {
		JsonNode compose = ComposeFile.read();
		service(compose, "orders-sidecar").withObjectProperty("environment").put("OUTRIGGER_SIDECAR_APP_PORT", "9999");

		assertThat(this.contract.problems(compose))
			.containsExactly("orders-sidecar: OUTRIGGER_SIDECAR_APP_PORT is '9999', expected '8082'");
	}

	@Test
	void serviceWithoutMemoryLimitIsReported() {
		JsonNode compose = ComposeFile.read();
		service(compose, "gateway").remove("deploy");

		assertThat(this.contract.problems(compose))
			.containsExactly("gateway: has no memory limit (deploy.resources.limits.memory or mem_limit)");
	}

	@Test
	void publishedInternalPortIsReported() {
		JsonNode compose = ComposeFile.read();
		service(compose, "config-server").putArray("ports").add("8888:8888");

		assertThat(this.contract.problems(compose)).singleElement()
			.asString()
			.startsWith("config-server: publishes host port 8888");
	}

	@Test
	void variableNoJarReadsIsReported() {
		JsonNode compose = ComposeFile.read();
		service(compose, "gateway").withObjectProperty("environment").put("SPRING_PROFILES_ACTIVE", "docker");

		assertThat(this.contract.problems(compose)).singleElement()
			.asString()
			.startsWith("gateway: sets SPRING_PROFILES_ACTIVE, which gateway does not read");
	}

	@Test
	void dependencyWithoutHealthcheckIsReported() {
		JsonNode compose = ComposeFile.read();
		service(compose, "zipkin").remove("healthcheck");

		assertThat(this.contract.problems(compose)).contains("zipkin: has no healthcheck test",
				"gateway: depends on zipkin, which has no healthcheck");
	}

	@Test
	void jarNameOtherThanModuleFinalNameIsReported() {
		JsonNode compose = ComposeFile.read();
		service(compose, "registry").withObjectProperty("build")
			.withObjectProperty("args")
			.put("JAR", "registry.jar");

		assertThat(this.contract.problems(compose))
			.containsExactly("registry: build arg JAR 'registry.jar' but module registry packages outrigger-registry.jar");
	}

	private static ObjectNode service(JsonNode compose, String name) {
		return (ObjectNode) compose.path("services").path(name);
	}

}
