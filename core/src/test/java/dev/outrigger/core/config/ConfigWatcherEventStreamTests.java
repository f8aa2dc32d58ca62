package dev.outrigger.core.config;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/** The config watcher on the config server's event stream: a revision announced is applied at once. */
class ConfigWatcherEventStreamTests {

	private final ContextRefresher refresher = mock(ContextRefresher.class);

	private FakeConfigServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new FakeConfigServer();
		given(this.refresher.refreshEnvironment()).willReturn(Set.of("a"));
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void fetchesAtOnceWhenTheEventStreamAnnouncesANewRevision() throws Exception {
		this.server.serve(answer("r1", "a"));
		this.server.holdEventStreams();
		ConfigWatcher watcher = new ConfigWatcher(new ConfigWatchProperties(true, this.server.url(), Duration.ofMinutes(1), Duration.ofSeconds(2)), "catalog",
				"default", this.refresher);
		watcher.start();
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.server.openEventStreams() == 1 && watcher.current() != null);
			this.server.serve(answer("r2", "b"));
			long announced = System.nanoTime();
			this.server.announce("r2");

			await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> then(this.refresher).should().refreshEnvironment());
			System.out.printf("refreshed %d ms after the announcement%n", (System.nanoTime() - announced) / 1_000_000);
			assertThat(watcher.current().version()).isEqualTo("r2");
		}
		finally {
			watcher.stop();
		}
	}

	@Test
	void appliesAChangeInPlaceAtOnceAndReconcilesWithAFullRefreshLater() throws Exception {
		GenericApplicationContext context = new GenericApplicationContext();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("configserver:catalog.yml",
				Map.of("a", "a", "outrigger.config.revision", "r1")));
		context.refresh();
		this.server.serve(answer("r1", "a"));
		this.server.holdEventStreams();
		ConfigWatcher watcher = new ConfigWatcher(new ConfigWatchProperties(true, this.server.url(), Duration.ofMinutes(1), Duration.ofSeconds(2)), "catalog",
				"default", null, () -> false, this.refresher, new InPlaceConfigUpdate(context));
		watcher.start();
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.server.openEventStreams() == 1 && watcher.current() != null);
			this.server.serve(answer("r2", "b"));
			this.server.announce("r2");

			await().atMost(Duration.ofSeconds(1)).until(() -> "b".equals(context.getEnvironment().getProperty("a")));
			then(this.refresher).should(never()).refreshEnvironment();
			await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> then(this.refresher).should().refreshEnvironment());
		}
		finally {
			watcher.stop();
			context.close();
		}
	}

	private static String answer(String revision, String value) {
		return "{\"name\":\"catalog\",\"version\":null,\"propertySources\":[{\"name\":\"catalog.yml\","
				+ "\"source\":{\"a\":\"" + value + "\",\"outrigger.config.revision\":\"" + revision + "\"}}]}";
	}

}
