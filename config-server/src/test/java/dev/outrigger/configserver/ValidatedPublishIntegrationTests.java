package dev.outrigger.configserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.jgit.api.errors.GitAPIException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * An invalid commit is refused as a whole and the last good revision stays served (and says
 * so in its health, metrics and {@code /outrigger/revision}); members hear of each revision
 * over {@code /outrigger/events}; a restart over a refused head serves the last good one.
 */
class ValidatedPublishIntegrationTests {

	private static final String GATEWAY = """
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

	@TempDir
	static Path work;

	private static ConfigGitRepo repo;

	private static RunningConfigServer server;

	@BeforeAll
	static void start() throws IOException, GitAPIException {
		repo = ConfigGitRepo.init(work.resolve("config-repo"));
		repo.write("catalog.yml", "outrigger:\n  sidecar:\n    app-health-path: /health\n");
		repo.write("gateway.yml", GATEWAY);
		repo.commit("gateway and catalog");
		server = new RunningConfigServer(repo.uri(), work.resolve("published"));
	}

	@AfterAll
	static void stop() {
		server.close();
		repo.close();
	}

	@Test
	void refusesAnInvalidCommitAsAWholeAndKeepsServingTheLastGoodOne() throws Exception {
		String good = (String) server.revision();
		Object healthPath = server.value("catalog", "outrigger.sidecar.app-health-path");
		repo.write("catalog.yml", "outrigger:\n  sidecar:\n    app-health-path: /bad\n");
		repo.write("gateway.yml", GATEWAY + "                - StripPrefixx=1\n");
		String bad = repo.commit("a typo in a filter name, and a valid edit in the same commit");
		try {
			assertRefused(good, bad, healthPath);
		}
		finally {
			repo.write("gateway.yml", GATEWAY);
			repo.commit("fix the filter name");
		}
		await().atMost(Duration.ofSeconds(2)).until(() -> repo.head().equals(server.revision()));
		assertThat(server.value("catalog", "outrigger.sidecar.app-health-path")).isEqualTo("/bad");
		assertThat(server.get("/outrigger/revision").body()).doesNotContain("refused");
		assertThat(server.get("/actuator/prometheus").body()).contains("outrigger_config_refused 0.0");
	}

	private static void assertRefused(String good, String bad, Object healthPath) {
		await().atMost(Duration.ofSeconds(2)).until(() -> refused(server.get("/outrigger/revision").body(), bad));
		String revision = server.get("/outrigger/revision").body();
		assertThat(revision).contains("gateway.yml:13: error: unknown filter 'StripPrefixx' (did you mean StripPrefix?)");
		assertThat(server.revision()).isEqualTo(good);
		assertThat(server.value("catalog", "outrigger.sidecar.app-health-path")).isEqualTo(healthPath);
		assertThat(server.get("/actuator/health").body()).contains("\"status\":\"UP\"").contains(bad)
			.contains("unknown filter");
		assertThat(server.get("/actuator/prometheus").body()).contains("outrigger_config_refused 1.0");
	}

	@Test
	void tellsEveryListeningMemberOfANewRevision() throws Exception {
		await().atMost(Duration.ofSeconds(2)).until(() -> repo.head().equals(server.revision()));
		BlockingQueue<String> events = new LinkedBlockingQueue<>();
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<java.io.InputStream> stream = client.send(
				HttpRequest.newBuilder(URI.create(server.base() + "/outrigger/events")).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
				lines.lines().filter((line) -> line.startsWith("data:")).forEach(events::add);
			}
			catch (IOException ex) {
				// the stream is closed at the end of the test
			}
		});
		reader.setDaemon(true);
		reader.start();
		try {
			assertThat(events.poll(2, TimeUnit.SECONDS)).as("the first event, at once").startsWith("data:{\"revision\":\"");
			repo.write("catalog.yml", "outrigger:\n  sidecar:\n    app-health-path: /live\n");
			long committed = System.nanoTime();
			String commit = repo.commit("catalog: /live");
			String expected = "data:{\"revision\":\"" + commit + "\",\"refused\":\"\"}";
			String event = events.poll(2, TimeUnit.SECONDS);
			while (event != null && !event.equals(expected)) {
				event = events.poll(2, TimeUnit.SECONDS);
			}
			System.out.printf("event for commit %s after %d ms%n", commit.substring(0, 8),
					(System.nanoTime() - committed) / 1_000_000);
			assertThat(event).as("an event naming the new commit within 2 s").isEqualTo(expected);
		}
		finally {
			stream.body().close();
		}
	}

	@Test
	void aRestartOverARefusedHeadServesTheLastGoodRevision() throws Exception {
		await().atMost(Duration.ofSeconds(15)).until(() -> repo.head().equals(server.revision()));
		Path published = work.resolve("restart-published");
		try (RunningConfigServer first = new RunningConfigServer(repo.uri(), published)) {
			assertThat(first.revision()).isEqualTo(repo.head());
		}
		String good = repo.head();
		repo.write("gateway.yml", GATEWAY.replace("Path=/api/catalog/**", "Header=x, [unclosed"));
		String bad = repo.commit("a bad regex");
		try {
			try (RunningConfigServer second = new RunningConfigServer(repo.uri(), published)) {
				assertThat(second.revision()).isEqualTo(good);
				assertThat(refused(second.get("/outrigger/revision").body(), bad)).isTrue();
			}
			assertThatIllegalStateException()
				.isThrownBy(() -> ConfigServerApplication.application(Map.of(ConfigRepoLocation.ENV,
						repo.uri(), "OUTRIGGER_CONFIG_PUBLISH_DIR", work.resolve("empty").toString())))
				.withMessageContaining("no good config to serve")
				.withMessageContaining("gateway.yml:10: error: bad regex '[unclosed'");
		}
		finally {
			repo.write("gateway.yml", GATEWAY);
			repo.commit("the regex fixed");
		}
	}

	private static boolean refused(String revisionJson, String commit) {
		return revisionJson.contains("\"refused\":{\"revision\":\"" + commit + "\"");
	}



}
