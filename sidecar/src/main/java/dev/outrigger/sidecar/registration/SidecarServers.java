package dev.outrigger.sidecar.registration;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.context.SmartLifecycle;

import dev.outrigger.sidecar.config.LiveSettings;
import dev.outrigger.core.policy.SidecarProperties;
import dev.outrigger.sidecar.proxy.InflightRequests;

/**
 * Opens the inbound and outbound ports after registration, and on shutdown leaves the mesh in
 * order: out of service in the registry, a pause so callers notice, then drain and close.
 */
public final class SidecarServers implements SmartLifecycle {

	/** Phase late enough to start after registration and to stop before deregistration. */
	public static final int PHASE = Integer.MAX_VALUE - 100;

	private static final Log logger = LogFactory.getLog(SidecarServers.class);

	private final LiveSettings settings;

	private final HttpServer inbound;

	private final HttpServer outbound;

	private final InstanceStatusGate gate;

	private final InflightRequests inflight;

	private volatile DisposableServer inboundServer;

	private volatile DisposableServer outboundServer;

	public SidecarServers(LiveSettings settings, HttpServer inbound, HttpServer outbound, InstanceStatusGate gate,
			InflightRequests inflight) {
		this.settings = settings;
		this.inbound = inbound;
		this.outbound = outbound;
		this.gate = gate;
		this.inflight = inflight;
	}

	@Override
	public void start() {
		SidecarProperties current = this.settings.get();
		this.inboundServer = bind(this.inbound.host("0.0.0.0").port(current.inboundPort()), "inbound",
				current.inboundPort());
		this.outboundServer = bind(this.outbound.host("127.0.0.1").port(current.outboundPort()), "outbound",
				current.outboundPort());
		logger.info("Sidecar of '" + current.service() + "' listening: inbound " + this.inboundServer.port()
				+ " -> app " + current.appHost() + ":" + current.appPort() + ", outbound 127.0.0.1:"
				+ this.outboundServer.port());
	}

	private static DisposableServer bind(HttpServer server, String side, int port) {
		try {
			return server.bindNow();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(
					"Cannot open the " + side + " port " + port + " (is it already in use?): " + ex.getMessage(), ex);
		}
	}

	@Override
	public void stop() {
		SidecarProperties current = this.settings.get();
		this.gate.leave();
		Duration announce = current.drain().announce();
		logger.info("Leaving the mesh: OUT_OF_SERVICE, waiting " + announce.toMillis() + " ms for callers to notice");
		LockSupport.parkNanos(announce.toNanos());
		if (!this.inflight.awaitIdle(current.drain().timeout())) {
			logger.warn(this.inflight.current() + " requests still in flight after " + current.drain().timeout());
		}
		dispose(this.inboundServer, current);
		dispose(this.outboundServer, current);
		this.inboundServer = null;
		this.outboundServer = null;
		logger.info("Inbound and outbound ports closed");
	}

	private static void dispose(DisposableServer server, SidecarProperties current) {
		if (server != null) {
			server.disposeNow(current.drain().timeout());
		}
	}

	/** The inbound port actually bound. */
	public int inboundPort() {
		return this.inboundServer.port();
	}

	/** The outbound port actually bound. */
	public int outboundPort() {
		return this.outboundServer.port();
	}

	@Override
	public boolean isRunning() {
		return this.inboundServer != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
