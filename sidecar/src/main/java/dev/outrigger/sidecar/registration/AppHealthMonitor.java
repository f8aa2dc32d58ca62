package dev.outrigger.sidecar.registration;

import java.time.Duration;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

import dev.outrigger.sidecar.config.LiveSettings;
import dev.outrigger.core.policy.SidecarProperties;

/**
 * Polls the app's health URL and reports each outcome to the {@link InstanceStatusGate}; also
 * shows the app's health in the sidecar's own health endpoint.
 */
public final class AppHealthMonitor implements SmartLifecycle, HealthIndicator {

	private final LiveSettings settings;

	private final InstanceStatusGate gate;

	private final HttpClient client;

	private volatile Disposable polling;

	public AppHealthMonitor(LiveSettings settings, InstanceStatusGate gate, HttpClient client) {
		this.settings = settings;
		this.gate = gate;
		this.client = client;
	}

	/** Checks the app once and reports the outcome. */
	public Mono<Boolean> checkOnce() {
		SidecarProperties current = this.settings.get();
		Duration timeout = current.healthInterval().compareTo(Duration.ofSeconds(1)) < 0 ? current.healthInterval()
				: Duration.ofSeconds(1);
		return this.client.responseTimeout(timeout)
			.get()
			.uri(current.appHealthUrl())
			.responseSingle((response, body) -> body.then(Mono.just(response.status().code())))
			.timeout(timeout.plusMillis(500))
			.map((status) -> report(status >= 200 && status < 300, "GET " + current.appHealthUrl() + " -> " + status))
			.onErrorResume((failure) -> Mono.just(report(false, "GET " + current.appHealthUrl() + " failed: "
					+ ((failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName()))));
	}

	private boolean report(boolean healthy, String reason) {
		this.gate.appChecked(healthy, reason);
		return healthy;
	}

	@Override
	public void start() {
		Duration interval = this.settings.get().healthInterval();
		this.polling = Flux.interval(Duration.ZERO, interval, Schedulers.parallel())
			.onBackpressureDrop()
			.concatMap((tick) -> checkOnce(), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.polling;
		if (current != null) {
			current.dispose();
		}
		this.polling = null;
	}

	@Override
	public boolean isRunning() {
		return this.polling != null;
	}

	@Override
	public int getPhase() {
		// After the ports are bound, so the instance never turns UP before it can take calls.
		return SidecarServers.PHASE + 1;
	}

	@Override
	public Health health() {
		Health.Builder builder = this.gate.appHealthy() ? Health.up() : Health.down();
		return builder.withDetail("check", this.gate.lastReason())
			.withDetail("registryStatus", this.gate.registered().name())
			.build();
	}

}
