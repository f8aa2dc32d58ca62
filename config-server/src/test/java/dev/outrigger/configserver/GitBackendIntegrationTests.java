package dev.outrigger.configserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The config server over a local git repo: what is committed is served on the next request. */
class GitBackendIntegrationTests {

	private static final PersonIdent OPERATOR = new PersonIdent("Operator", "operator@outrigger.dev");

	@TempDir
	static Path work;

	private static Git git;

	private static String firstCommit;

	private static RunningConfigServer server;

	@BeforeAll
	static void start() throws IOException, GitAPIException {
		Path repo = Files.createDirectory(work.resolve("config-repo"));
		git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
		Files.writeString(repo.resolve("application.yml"), "outrigger:\n  sidecar:\n    outbound:\n"
				+ "      response-timeout: 5s\n");
		Files.writeString(repo.resolve("catalog.yml"), "outrigger:\n  sidecar:\n    app-health-path: /health\n");
		firstCommit = commit("catalog and mesh defaults");
		server = new RunningConfigServer(repo.toUri().toString(),
				"--spring.cloud.config.server.git.basedir=" + work.resolve("clone"));
	}

	@AfterAll
	static void stop() {
		server.close();
		git.close();
	}

	@Test
	void selectsTheGitBackendForAFileUri() {
		assertThat(server.activeProfile()).isEqualTo("git");
	}

	@Test
	void servesTheCommittedFilesWithTheCommitIdAsVersion() {
		DocumentContext config = server.config("catalog", "default");

		assertThat(config.<String>read("$.version")).isEqualTo(currentCommit());
		List<String> names = config.read("$.propertySources[*].name");
		assertThat(names).hasSize(2);
		assertThat(names.get(0)).endsWith("catalog.yml");
		assertThat(names.get(1)).endsWith("application.yml");
		assertThat(config.<String>read("$.propertySources[1].source['outrigger.sidecar.outbound.response-timeout']"))
			.isEqualTo("5s");
	}

	@Test
	void servesANewCommitWithItsVersionOnTheNextRequest() throws IOException, GitAPIException {
		Path catalog = git.getRepository().getWorkTree().toPath().resolve("catalog.yml");
		Files.writeString(catalog, "outrigger:\n  sidecar:\n    app-health-path: /ready\n");
		String newCommit = commit("catalog: probe /ready");

		DocumentContext config = server.config("catalog", "default");

		assertThat(newCommit).isNotEqualTo(firstCommit);
		assertThat(config.<String>read("$.version")).isEqualTo(newCommit);
		assertThat(config.<String>read("$.propertySources[0].source['outrigger.sidecar.app-health-path']"))
			.isEqualTo("/ready");
	}

	@Test
	void doesNotServeAnEditUntilItIsCommitted() throws IOException {
		Path defaults = git.getRepository().getWorkTree().toPath().resolve("application.yml");
		String committed = Files.readString(defaults);
		Files.writeString(defaults, committed.replace("5s", "9s"));
		try {
			DocumentContext config = server.config("catalog", "default");

			assertThat(config.<String>read("$.version")).isEqualTo(currentCommit());
			assertThat(config.<String>read(
					"$.propertySources[1].source['outrigger.sidecar.outbound.response-timeout']"))
				.isEqualTo("5s");
		}
		finally {
			Files.writeString(defaults, committed);
		}
	}

	@Test
	void servesTheMainBranchByName() {
		DocumentContext config = server.config("catalog", "default/main");

		assertThat(config.<String>read("$.label")).isEqualTo("main");
		assertThat(config.<String>read("$.version")).isEqualTo(currentCommit());
	}

	@Test
	void answers404ForALabelThatDoesNotExist() {
		assertThat(server.get("/catalog/default/no-such-branch").statusCode()).isEqualTo(404);
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
