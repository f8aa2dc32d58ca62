package dev.outrigger.configserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.jgit.api.errors.GitAPIException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The config server over a local git repo: each valid commit is served within a second, with
 * its commit id as the revision; what is not committed is not served.
 */
class GitBackendIntegrationTests {

	@TempDir
	static Path work;

	private static ConfigGitRepo repo;

	private static RunningConfigServer server;

	@BeforeAll
	static void start() throws IOException, GitAPIException {
		repo = ConfigGitRepo.init(work.resolve("config-repo"));
		repo.write("application.yml", "outrigger:\n  sidecar:\n    outbound:\n      timeout: 5s\n");
		repo.write("catalog.yml", "outrigger:\n  sidecar:\n    app-health-path: /health\n");
		repo.commit("catalog and mesh defaults");
		server = new RunningConfigServer(repo.uri(), work.resolve("published"));
	}

	@AfterAll
	static void stop() {
		server.close();
		repo.close();
	}

	@Test
	void servesTheCommittedFilesWithTheCommitIdAsRevision() throws IOException {
		await().atMost(Duration.ofSeconds(1)).until(() -> repo.head().equals(server.revision()));
		String committed = Files.readString(repo.file("catalog.yml"));
		assertThat(committed).contains("app-health-path: " + server.value("catalog", "outrigger.sidecar.app-health-path"));
		assertThat(server.value("catalog", "outrigger.sidecar.outbound.timeout")).isEqualTo("5s");
	}

	@Test
	void servesANewCommitWithinASecond() throws IOException, GitAPIException {
		Path catalog = repo.file("catalog.yml");
		Files.writeString(catalog, "outrigger:\n  sidecar:\n    app-health-path: /ready\n");
		String newCommit = repo.commit("catalog: probe /ready");

		await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
			.until(() -> newCommit.equals(server.revision()));
		assertThat(server.value("catalog", "outrigger.sidecar.app-health-path")).isEqualTo("/ready");
	}

	@Test
	void doesNotServeAnEditUntilItIsCommitted() throws IOException {
		Path defaults = repo.file("application.yml");
		String committed = Files.readString(defaults);
		Files.writeString(defaults, committed.replace("5s", "9s"));
		try {
			assertThat(server.revision()).isEqualTo(repo.head());
			assertThat(server.value("catalog", "outrigger.sidecar.outbound.timeout")).isEqualTo("5s");
		}
		finally {
			Files.writeString(defaults, committed);
		}
	}



}
