package dev.outrigger.configserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The config server over a folder: what is saved, once valid, is served within a second. */
class NativeBackendIntegrationTests {

	@TempDir
	static Path work;

	private static Path repo;

	private static RunningConfigServer server;

	@BeforeAll
	static void start() throws IOException {
		repo = Files.createDirectory(work.resolve("repo"));
		try (Stream<Path> files = Files.list(Path.of("../config-repo"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yml")).toList()) {
				Files.copy(file, repo.resolve(file.getFileName()));
			}
		}
		server = new RunningConfigServer(repo.toString(), work.resolve("published"));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void servesTheServicesFileAheadOfTheMeshWideDefaults() {
		List<String> names = server.config("catalog", "default").read("$.propertySources[*].name");

		assertThat(names).anySatisfy((name) -> assertThat(name).endsWith("catalog.yml"))
			.anySatisfy((name) -> assertThat(name).endsWith("application.yml"));
		assertThat(names.indexOf(names.stream().filter((name) -> name.endsWith("catalog.yml")).findFirst().get()))
			.isLessThan(names.indexOf(names.stream().filter((name) -> name.endsWith("/application.yml")).findFirst().get()));
		assertThat(server.value("catalog", "outrigger.sidecar.app-health-path")).isEqualTo("/actuator/health");
		assertThat(server.value("catalog", "eureka.client.registry-fetch-interval-seconds")).isEqualTo(1);
	}

	@Test
	void servesOnlyTheDefaultsToAnAppWithoutItsOwnFile() {
		List<String> names = server.config("inventory", "default").read("$.propertySources[*].name");

		assertThat(names).noneSatisfy((name) -> assertThat(name).contains("inventory"));
		assertThat(server.value("inventory", "eureka.client.registry-fetch-interval-seconds")).isEqualTo(1);
	}

	@Test
	void servesAnEditedFileOnceSaved() throws IOException {
		Path payments = repo.resolve("payments.yml");
		Files.writeString(payments, Files.readString(payments).replace("/health", "/ready"));

		server.awaitValue("payments", "outrigger.sidecar.app-health-path", "/ready");
	}

	@Test
	void servesANewFileOnceSaved() throws IOException {
		Files.writeString(repo.resolve("shipping.yml"), "outrigger:\n  sidecar:\n    app-port: 9090\n");

		server.awaitValue("shipping", "outrigger.sidecar.app-port", 9090);
	}

	@Test
	void namesTheFoldersRevisionByADigestOfItsFiles() {
		assertThat(server.revision()).asString().matches("sha256:[0-9a-f]{16}");
	}

	@Test
	void isHealthy() {
		assertThat(server.get("/actuator/health").body()).contains("\"status\":\"UP\"");
	}

}
