package dev.outrigger.core.config;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.context.refresh.ContextRefresher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

class ConfigWatcherTests {

	private static final String COMMIT_A = "{\"name\":\"catalog\",\"version\":\"aaaa\",\"propertySources\":[]}";

	private static final String COMMIT_B = "{\"name\":\"catalog\",\"version\":\"bbbb\",\"propertySources\":[]}";

	private final ContextRefresher refresher = mock(ContextRefresher.class);

	private FakeConfigServer server;

	private ConfigWatcher watcher;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new FakeConfigServer();
		this.server.serve(COMMIT_A);
		this.watcher = watcher(this.server.url() + "/", Duration.ofSeconds(1));
		given(this.refresher.refreshEnvironment()).willReturn(Set.of("outrigger.sidecar.app-health-path"));
	}

	@AfterEach
	void stop() {
		this.watcher.stop();
		this.server.close();
	}

	@Test
	void firstPollRecordsTheConfigWithoutRefreshing() {
		this.watcher.poll();

		assertThat(this.watcher.current().version()).isEqualTo("aaaa");
		then(this.refresher).should(never()).refreshEnvironment();
	}

	@Test
	void pollsTheApplicationAndItsProfiles() {
		this.watcher.poll();

		assertThat(this.server.requestedPaths()).containsExactly("/catalog/dev,eu");
	}

	@Test
	void refreshesExactlyOnceWhenTheServedConfigChanges() {
		this.watcher.poll();
		this.server.serve(COMMIT_B);

		this.watcher.poll();
		this.watcher.poll();

		assertThat(this.watcher.current().version()).isEqualTo("bbbb");
		then(this.refresher).should().refreshEnvironment();
	}

	@Test
	void refreshesOnTheFirstPollWhenACommitLandedAfterTheImport() {
		ConfigWatcher watcher = new ConfigWatcher(properties(this.server.url(), Duration.ofSeconds(1)), "catalog",
				"dev,eu", "0000", this.refresher);

		watcher.poll();

		then(this.refresher).should().refreshEnvironment();
	}

	@Test
	void doesNotRefreshOnTheFirstPollOfTheImportedCommit() {
		ConfigWatcher watcher = new ConfigWatcher(properties(this.server.url(), Duration.ofSeconds(1)), "catalog",
				"dev,eu", "aaaa", this.refresher);

		watcher.poll();

		then(this.refresher).should(never()).refreshEnvironment();
	}

	@Test
	void doesNotRefreshWhileTheServedConfigIsUnchanged() {
		this.watcher.poll();
		this.watcher.poll();
		this.watcher.poll();

		then(this.refresher).should(never()).refreshEnvironment();
	}

	@Test
	void refreshesWhenOnlyTheContentChangesWithoutAVersion() {
		this.server.serve("{\"version\":null,\"propertySources\":[{\"source\":{\"a\":\"1\"}}]}");
		this.watcher.poll();
		this.server.serve("{\"version\":null,\"propertySources\":[{\"source\":{\"a\":\"2\"}}]}");

		this.watcher.poll();

		then(this.refresher).should().refreshEnvironment();
	}

	@Test
	void keepsTheLastConfigWhenTheServerAnswers500() {
		this.watcher.poll();
		this.server.fail(500);

		this.watcher.poll();

		assertThat(this.watcher.current().version()).isEqualTo("aaaa");
		then(this.refresher).should(never()).refreshEnvironment();
	}

	@Test
	void keepsTheLastConfigWhenTheServerIsDown() {
		this.watcher.poll();
		this.server.close();

		this.watcher.poll();

		assertThat(this.watcher.current().version()).isEqualTo("aaaa");
		then(this.refresher).should(never()).refreshEnvironment();
	}

	@Test
	void refreshesOnceTheServerIsBackWithAChangedConfig() {
		this.watcher.poll();
		this.server.fail(503);
		this.watcher.poll();
		this.server.serve(COMMIT_B);

		this.watcher.poll();

		assertThat(this.watcher.current().version()).isEqualTo("bbbb");
		then(this.refresher).should().refreshEnvironment();
	}

	@Test
	void hasNoConfigBeforeTheFirstSuccessfulPoll() {
		this.server.fail(500);

		this.watcher.poll();

		assertThat(this.watcher.current()).isNull();
	}

	@Test
	void doesNotRetryAChangeWhoseRefreshFailed() {
		this.watcher.poll();
		this.server.serve(COMMIT_B);
		willThrow(new IllegalStateException("bad config")).given(this.refresher).refreshEnvironment();
		assertThatIllegalStateException().isThrownBy(this.watcher::poll).withMessage("bad config");

		this.watcher.poll();

		then(this.refresher).should().refreshEnvironment();
	}

	@Test
	void startPollsRightAwayAndKeepsPollingUntilStopped() {
		ConfigWatcher fast = watcher(this.server.url(), Duration.ofMillis(50));

		fast.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.server.requestedPaths().size() >= 3);
		fast.stop();

		assertThat(fast.isRunning()).isFalse();
		assertThat(fast.current().version()).isEqualTo("aaaa");
	}

	@Test
	void survivesAFailingRefreshWhilePollingOnSchedule() {
		willThrow(new IllegalStateException("bad config")).given(this.refresher).refreshEnvironment();
		ConfigWatcher fast = watcher(this.server.url(), Duration.ofMillis(50));
		fast.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> fast.current() != null);

		this.server.serve(COMMIT_B);
		await().atMost(Duration.ofSeconds(5)).until(() -> "bbbb".equals(fast.current().version()));
		int seen = this.server.requestedPaths().size();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.server.requestedPaths().size() > seen + 2);
		fast.stop();

		then(this.refresher).should().refreshEnvironment();
	}

	@Test
	void refreshesOnTheFirstPollWhenTheContextStartedFromTheCachedConfig() {
		ConfigWatcher watcher = new ConfigWatcher(properties(this.server.url(), Duration.ofSeconds(1)), "catalog",
				"dev,eu", null, () -> true, this.refresher);

		watcher.poll();

		then(this.refresher).should().refreshEnvironment();
	}

	@Test
	void refreshesWhenTheServerAnswersAgainWhileTheContextRunsOnTheCachedConfig() {
		AtomicBoolean onCache = new AtomicBoolean(false);
		ConfigWatcher watcher = new ConfigWatcher(properties(this.server.url(), Duration.ofSeconds(1)), "catalog",
				"dev,eu", null, onCache::get, this.refresher);
		watcher.poll();
		this.server.fail(503);
		watcher.poll();
		// a refresh while the server was down fell back on the cache
		onCache.set(true);
		this.server.serve(COMMIT_A);

		watcher.poll();

		then(this.refresher).should().refreshEnvironment();
	}

	@Test
	void doesNotRetryARefreshFromTheCachedConfigWhileTheServerStaysUp() {
		ConfigWatcher watcher = new ConfigWatcher(properties(this.server.url(), Duration.ofSeconds(1)), "catalog",
				"dev,eu", null, () -> true, this.refresher);

		watcher.poll();
		watcher.poll();

		then(this.refresher).should().refreshEnvironment();
	}

	@Test
	void doesNotRefreshAnUnchangedConfigTheContextHasFromTheServer() {
		ConfigWatcher watcher = new ConfigWatcher(properties(this.server.url(), Duration.ofSeconds(1)), "catalog",
				"dev,eu", null, () -> false, this.refresher);
		watcher.poll();
		this.server.fail(503);
		watcher.poll();
		this.server.serve(COMMIT_A);

		watcher.poll();

		then(this.refresher).should(never()).refreshEnvironment();
	}

	private ConfigWatcher watcher(String serverUrl, Duration interval) {
		return new ConfigWatcher(properties(serverUrl, interval), "catalog", "dev,eu", this.refresher);
	}

	private static ConfigWatchProperties properties(String serverUrl, Duration interval) {
		return new ConfigWatchProperties(true, serverUrl, interval, Duration.ofSeconds(2));
	}

}
