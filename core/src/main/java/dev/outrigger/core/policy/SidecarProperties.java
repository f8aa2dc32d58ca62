package dev.outrigger.core.policy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.outrigger.core.resilience.LoadBalancing;
import dev.outrigger.core.resilience.OutlierPolicy;
import dev.outrigger.core.resilience.RetryPolicy;
import dev.outrigger.core.traffic.RateLimitPolicy;

/**
 * Settings of one sidecar, from its environment and the config repo ({@code <service>.yml}).
 *
 * @param service name of the service the app provides, as registered in the registry
 * @param appHost address of the app, normally loopback
 * @param appPort port of the app
 * @param appHealthPath path of the app's health URL; any 2xx answer means healthy
 * @param healthInterval time between two health checks of the app
 * @param advertiseHost address under which other members reach this sidecar's inbound port
 * @param inboundPort port that receives calls for the app from the mesh
 * @param outboundPort loopback port through which the app calls other services
 * @param version version of the app, registered as instance metadata
 * @param zone zone of the instance, registered as instance metadata
 * @param drain how the sidecar leaves the mesh on shutdown
 * @param inbound inbound traffic settings
 * @param outbound outbound traffic policy, for every destination service; what differs for one
 * destination is set under {@code outrigger.sidecar.destinations.<service>} (see {@link SidecarPolicies})
 */
@ConfigurationProperties("outrigger.sidecar")
public record SidecarProperties(String service, @DefaultValue("127.0.0.1") String appHost, Integer appPort,
		@DefaultValue("/health") String appHealthPath, @DefaultValue("1s") Duration healthInterval,
		@DefaultValue("127.0.0.1") String advertiseHost, @DefaultValue("15006") int inboundPort,
		@DefaultValue("15001") int outboundPort, @DefaultValue("v1") String version,
		@DefaultValue("local") String zone, @DefaultValue Drain drain, @DefaultValue Inbound inbound,
		@DefaultValue Outbound outbound) {

	public SidecarProperties {
		if (service == null || service.isBlank()) {
			throw new IllegalArgumentException(
					"outrigger.sidecar.service is required: set OUTRIGGER_SIDECAR_SERVICE to the app's service name");
		}
		if (appPort == null || appPort <= 0 || appPort > 65535) {
			throw new IllegalArgumentException("outrigger.sidecar.app-port must be the app's port (1-65535), got "
					+ appPort + ": set OUTRIGGER_SIDECAR_APP_PORT");
		}
		if (!appHealthPath.startsWith("/")) {
			throw new IllegalArgumentException(
					"outrigger.sidecar.app-health-path must start with '/', got '" + appHealthPath + "'");
		}
		if (healthInterval.isNegative() || healthInterval.isZero()) {
			throw new IllegalArgumentException(
					"outrigger.sidecar.health-interval must be positive, got " + healthInterval);
		}
		requirePort("inbound-port", inboundPort);
		requirePort("outbound-port", outboundPort);
		if (inboundPort == outboundPort) {
			throw new IllegalArgumentException(
					"outrigger.sidecar.inbound-port and outbound-port must differ, both are " + inboundPort);
		}
	}

	private static void requirePort(String name, int port) {
		if (port <= 0 || port > 65535) {
			throw new IllegalArgumentException("outrigger.sidecar." + name + " must be a port (1-65535), got " + port);
		}
	}

	/** The app's health URL. */
	public String appHealthUrl() {
		return "http://" + this.appHost + ":" + this.appPort + this.appHealthPath;
	}

	/**
	 * How the sidecar leaves the mesh on shutdown.
	 *
	 * @param announce time between marking the instance OUT_OF_SERVICE and closing the ports,
	 * so callers see the change before connections are refused
	 * @param timeout longest wait for in-flight requests to finish
	 */
	public record Drain(@DefaultValue("2s") Duration announce, @DefaultValue("10s") Duration timeout) {
	}

	/**
	 * Inbound traffic settings.
	 *
	 * @param responseTimeout longest wait for the app's answer
	 * @param rateLimit requests the app takes, per caller ({@code x-outrigger-caller}) or in all;
	 * more are answered 429 with {@code Retry-After}
	 */
	public record Inbound(@DefaultValue("30s") Duration responseTimeout, @DefaultValue RateLimitPolicy rateLimit) {
	}

	/**
	 * Outbound traffic policy: how the sidecar calls other services for its app.
	 *
	 * @param connectTimeout longest wait to connect to an instance (applies on restart)
	 * @param timeout the one deadline of a call, from the app's request to the answer, retries
	 * included; shortened by the caller's remaining deadline if the request carries one
	 * @param loadBalancing how an instance is picked for each attempt
	 * @param concurrencyLimit calls in flight to the destination beyond which new ones are
	 * refused with 503 concurrency_limit
	 * @param retries when and how often a failed call is tried again
	 * @param circuitBreaker when calls to the destination are refused outright
	 * @param outlier when a misbehaving instance is taken out of rotation
	 */
	public record Outbound(@DefaultValue("1s") Duration connectTimeout, @DefaultValue("5s") Duration timeout,
			@DefaultValue("least-loaded") LoadBalancing loadBalancing, @DefaultValue("1000") int concurrencyLimit,
			@DefaultValue RetryPolicy retries, @DefaultValue CircuitBreaker circuitBreaker,
			@DefaultValue OutlierPolicy outlier) {

		public Outbound {
			requirePositive("timeout", timeout);
			requirePositive("connect-timeout", connectTimeout);
			if (concurrencyLimit < 1) {
				throw new IllegalArgumentException(
						"outrigger.sidecar.outbound.concurrency-limit must be at least 1, got " + concurrencyLimit);
			}
		}

	}

	/**
	 * Circuit breaker of a destination service (Resilience4j, no bulkhead): opens when too
	 * many of the last calls failed (5xx answers, timeouts, unreachable instances, no instance
	 * at all), answers 503 circuit_open while open, then lets a few probe calls through.
	 *
	 * @param enabled whether calls go through a breaker
	 * @param failureRateThreshold percentage of failed calls that opens the breaker
	 * @param slidingWindow number of last calls the rate is computed over
	 * @param minimumCalls calls needed before the rate counts
	 * @param openFor how long the breaker stays open before probing
	 * @param halfOpenCalls probe calls let through when half open
	 */
	public record CircuitBreaker(@DefaultValue("true") boolean enabled, @DefaultValue("50") float failureRateThreshold,
			@DefaultValue("20") int slidingWindow, @DefaultValue("10") int minimumCalls,
			@DefaultValue("5s") Duration openFor, @DefaultValue("3") int halfOpenCalls) {

		public CircuitBreaker {
			if (failureRateThreshold <= 0 || failureRateThreshold > 100) {
				throw new IllegalArgumentException(
						"outrigger.sidecar.outbound.circuit-breaker.failure-rate-threshold must be in (0, 100], got "
								+ failureRateThreshold);
			}
			if (slidingWindow < 1 || minimumCalls < 1 || halfOpenCalls < 1) {
				throw new IllegalArgumentException("outrigger.sidecar.outbound.circuit-breaker sliding-window, "
						+ "minimum-calls and half-open-calls must be at least 1");
			}
			requirePositive("circuit-breaker.open-for", openFor);
		}

	}

	private static void requirePositive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("outrigger.sidecar.outbound." + name + " must be positive, got " + value);
		}
	}

}
