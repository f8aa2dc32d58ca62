package dev.outrigger.sidecar.registration;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.env.StandardEnvironment;

import dev.outrigger.sidecar.config.LiveSettings;
import dev.outrigger.core.policy.SidecarProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

class AppHealthMonitorTests {

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final AtomicInteger checks = new AtomicInteger();

	private volatile int status = 200;

	private HttpServer app;

	private InstanceInfo info;

	private InstanceStatusGate gate;

	@BeforeEach
	void start() throws IOException {
		this.app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.app.setExecutor(this.executor);
		this.app.createContext("/health", (exchange) -> {
			this.checks.incrementAndGet();
			answer(exchange, this.status);
		});
		this.app.createContext("/hang", (exchange) -> CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS)
			.execute(() -> answer(exchange, 200)));
		this.app.start();
		this.info = InstanceInfo.Builder.newBuilder()
			.setAppName("catalog")
			.setHostName("127.0.0.1")
			.setStatus(InstanceStatus.STARTING)
			.build();
		ApplicationInfoManager infoManager = mock(ApplicationInfoManager.class);
		given(infoManager.getInfo()).willReturn(this.info);
		willAnswer((invocation) -> this.info.setStatus(invocation.getArgument(0))).given(infoManager)
			.setInstanceStatus(any());
		this.gate = new InstanceStatusGate(infoManager, (override) -> {
		});
	}

	@AfterEach
	void stop() {
		this.app.stop(0);
		this.executor.shutdownNow();
	}

	@Test
	void countsAny2xxAsHealthy() {
		this.status = 204;

		assertThat(monitor("/health").checkOnce().block()).isTrue();
		assertThat(this.gate.registered()).isEqualTo(InstanceStatus.UP);
		assertThat(this.gate.lastReason()).isEqualTo("GET " + url("/health") + " -> 204");
	}

	@Test
	void countsAnErrorStatusAsUnhealthy() {
		this.status = 503;

		assertThat(monitor("/health").checkOnce().block()).isFalse();
		assertThat(this.gate.registered()).isEqualTo(InstanceStatus.DOWN);
		assertThat(this.gate.lastReason()).isEqualTo("GET " + url("/health") + " -> 503");
	}

	@Test
	void countsARedirectAsUnhealthy() {
		this.status = 302;

		assertThat(monitor("/health").checkOnce().block()).isFalse();
	}

	@Test
	void countsARefusedConnectionAsUnhealthySayingWhy() {
		AppHealthMonitor monitor = monitor("/health");
		this.app.stop(0);

		assertThat(monitor.checkOnce().block()).isFalse();
		assertThat(this.gate.lastReason()).startsWith("GET " + url("/health") + " failed: ");
	}

	@Test
	void countsAnAppTooSlowToAnswerAsUnhealthy() {
		assertThat(monitor("/hang").checkOnce().block(Duration.ofSeconds(5))).isFalse();
		assertThat(this.gate.registered()).isEqualTo(InstanceStatus.DOWN);
	}

	@Test
	void showsTheAppsHealthAndTheRegistryStatusInItsOwnHealth() {
		AppHealthMonitor monitor = monitor("/health");
		this.status = 500;
		monitor.checkOnce().block();

		Health health = monitor.health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("check", "GET " + url("/health") + " -> 500")
			.containsEntry("registryStatus", "DOWN");
	}

	@Test
	void checksAtEveryIntervalUntilStopped() {
		AppHealthMonitor monitor = monitor("/health");

		monitor.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.checks.get() >= 3);
		monitor.stop();

		assertThat(monitor.isRunning()).isFalse();
		assertThat(this.gate.registered()).isEqualTo(InstanceStatus.UP);
	}

	private AppHealthMonitor monitor(String healthPath) {
		Map<String, String> settings = Map.of("outrigger.sidecar.service", "catalog", "outrigger.sidecar.app-port",
				String.valueOf(this.app.getAddress().getPort()), "outrigger.sidecar.app-health-path", healthPath,
				"outrigger.sidecar.health-interval", "100ms");
		SidecarProperties properties = new Binder(new MapConfigurationPropertySource(settings))
			.bindOrCreate("outrigger.sidecar", SidecarProperties.class);
		return new AppHealthMonitor(new LiveSettings(properties, new StandardEnvironment()), this.gate,
				HttpClient.create());
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.app.getAddress().getPort() + path;
	}

	private static void answer(HttpExchange exchange, int status) {
		try (OutputStream out = exchange.getResponseBody()) {
			exchange.sendResponseHeaders(status, 2);
			out.write("ok".getBytes());
		}
		catch (IOException ex) {
			exchange.close();
		}
	}

}
