package dev.outrigger.sidecar.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
 * @param outbound outbound traffic settings
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
	 */
	public record Inbound(@DefaultValue("30s") Duration responseTimeout) {
	}

	/**
	 * Outbound traffic settings.
	 *
	 * @param connectTimeout longest wait to connect to another instance
	 * @param responseTimeout longest wait for another service's answer
	 */
	public record Outbound(@DefaultValue("1s") Duration connectTimeout,
			@DefaultValue("5s") Duration responseTimeout) {
	}

}
