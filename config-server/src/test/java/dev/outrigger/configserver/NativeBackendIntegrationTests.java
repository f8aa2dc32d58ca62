package dev.outrigger.configserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.jayway.jsonpath.DocumentContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The config server over a folder: what is saved is served on the next request. */
class NativeBackendIntegrationTests {

	@TempDir
	static Path repo;

	private static RunningConfigServer server;

	@BeforeAll
	static void start() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("../config-repo"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yml")).toList()) {
				Files.copy(file, repo.resolve(file.getFileName()));
			}
		}
		server = new RunningConfigServer(repo.toString());
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void selectsTheNativeBackendForAFolder() {
		assertThat(server.activeProfile()).isEqualTo("native");
	}

	@Test
	void servesTheServicesFileAheadOfTheMeshWideDefaults() {
		DocumentContext config = server.config("catalog", "default");

		List<String> names = config.read("$.propertySources[*].name");
		assertThat(names).hasSize(2);
		assertThat(names.get(0)).endsWith("catalog.yml");
		assertThat(names.get(1)).endsWith("application.yml");
		assertThat(config.<String>read("$.propertySources[0].source['outrigger.sidecar.app-health-path']"))
			.isEqualTo("/actuator/health");
		assertThat(config.<Integer>read("$.propertySources[1].source['eureka.client.registry-fetch-interval-seconds']"))
			.isEqualTo(1);
	}

	@Test
	void servesOnlyTheDefaultsToAnAppWithoutItsOwnFile() {
		List<String> names = server.config("inventory", "default").read("$.propertySources[*].name");

		assertThat(names).singleElement().asString().endsWith("application.yml");
	}

	@Test
	void servesAnEditedFileOnTheNextRequest() throws IOException {
		Path payments = repo.resolve("payments.yml");
		Files.writeString(payments, Files.readString(payments).replace("/health", "/ready"));

		DocumentContext config = server.config("payments", "default");

		assertThat(config.<String>read("$.propertySources[0].source['outrigger.sidecar.app-health-path']"))
			.isEqualTo("/ready");
	}

	@Test
	void servesANewFileOnTheNextRequest() throws IOException {
		Files.writeString(repo.resolve("shipping.yml"), "outrigger:\n  sidecar:\n    app-port: 9090\n");

		DocumentContext config = server.config("shipping", "default");

		assertThat(config.<Integer>read("$.propertySources[0].source['outrigger.sidecar.app-port']")).isEqualTo(9090);
	}

	@Test
	void reportsNoVersionForAFolder() {
		assertThat(server.config("catalog", "default").<String>read("$.version")).isNull();
	}

	@Test
	void isHealthy() {
		assertThat(server.get("/actuator/health").body()).contains("\"status\":\"UP\"");
	}

}
