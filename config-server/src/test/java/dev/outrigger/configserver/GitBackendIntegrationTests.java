package dev.outrigger.configserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
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

	private static final PersonIdent OPERATOR = new PersonIdent("Operator", "operator@outrigger.dev");

	@TempDir
	static Path work;

	private static Git git;

	private static RunningConfigServer server;

	@BeforeAll
	static void start() throws IOException, GitAPIException {
		Path repo = Files.createDirectory(work.resolve("config-repo"));
		git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
		Files.writeString(repo.resolve("application.yml"), "outrigger:\n  sidecar:\n    outbound:\n      timeout: 5s\n");
		Files.writeString(repo.resolve("catalog.yml"), "outrigger:\n  sidecar:\n    app-health-path: /health\n");
		commit("catalog and mesh defaults");
		server = new RunningConfigServer(repo.toUri().toString(), work.resolve("published"));
	}

	@AfterAll
	static void stop() {
		server.close();
		git.close();
	}

	@Test
	void servesTheCommittedFilesWithTheCommitIdAsRevision() throws IOException {
		await().atMost(Duration.ofSeconds(1)).until(() -> currentCommit().equals(server.revision()));
		String committed = Files.readString(git.getRepository().getWorkTree().toPath().resolve("catalog.yml"));
		assertThat(committed).contains("app-health-path: " + server.value("catalog", "outrigger.sidecar.app-health-path"));
		assertThat(server.value("catalog", "outrigger.sidecar.outbound.timeout")).isEqualTo("5s");
	}

	@Test
	void servesANewCommitWithinASecond() throws IOException, GitAPIException {
		Path catalog = git.getRepository().getWorkTree().toPath().resolve("catalog.yml");
		Files.writeString(catalog, "outrigger:\n  sidecar:\n    app-health-path: /ready\n");
		String newCommit = commit("catalog: probe /ready");

		await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
			.until(() -> newCommit.equals(server.revision()));
		assertThat(server.value("catalog", "outrigger.sidecar.app-health-path")).isEqualTo("/ready");
	}

	@Test
	void doesNotServeAnEditUntilItIsCommitted() throws IOException {
		Path defaults = git.getRepository().getWorkTree().toPath().resolve("application.yml");
		String committed = Files.readString(defaults);
		Files.writeString(defaults, committed.replace("5s", "9s"));
		try {
			assertThat(server.revision()).isEqualTo(currentCommit());
			assertThat(server.value("catalog", "outrigger.sidecar.outbound.timeout")).isEqualTo("5s");
		}
		finally {
			Files.writeString(defaults, committed);
		}
	}

	private static synchronized String commit(String message) throws GitAPIException {
		git.add().addFilepattern(".").call();
		return git.commit().setMessage(message).setAuthor(OPERATOR).setCommitter(OPERATOR).call().getName();
	}

	private static String currentCommit() {
		try {
			return git.getRepository().resolve("HEAD").getName();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
