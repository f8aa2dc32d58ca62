package dev.outrigger.sidecar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real sidecar app in the test JVM, on free ports, importing its config from a fake
 * config server and registered with a test registry. (The config import cannot be switched
 * off from outside: {@code spring.cloud.config.enabled=false} leaves the application.yml's
 * {@code configserver:} import to a resolver that rejects it.)
 */
final class RunningSidecar implements AutoCloseable {

	// The sidecars of the tests keep their config cache apart from real ones.
	private static final String CACHE_DIR = System.getProperty("java.io.tmpdir") + "/outrigger-test-config-cache-"
			+ ProcessHandle.current().pid();

	final String service;

	final int inboundPort;

	final int outboundPort;

	final int adminPort;

	final ConfigurableApplicationContext context;

	RunningSidecar(String service, int appPort, TestRegistry registry, FakeConfigServer configServer) {
		this(service, appPort, registry, configServer, Map.of());
	}

	RunningSidecar(String service, int appPort, TestRegistry registry, FakeConfigServer configServer,
			Map<String, Object> overrides) {
		this.service = service;
		this.inboundPort = freePort();
		this.outboundPort = freePort();
		this.adminPort = freePort();
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("CONFIG_SERVER_URL", configServer.url());
		settings.put("outrigger.config-watch.enabled", false);
		settings.put("server.port", this.adminPort);
		settings.put("outrigger.sidecar.service", service);
		settings.put("outrigger.sidecar.app-port", appPort);
		settings.put("outrigger.sidecar.inbound-port", this.inboundPort);
		settings.put("outrigger.sidecar.outbound-port", this.outboundPort);
		settings.put("outrigger.sidecar.version", "v7");
		settings.put("outrigger.sidecar.zone", "zone-a");
		settings.put("outrigger.sidecar.health-interval", "200ms");
		settings.put("outrigger.sidecar.drain.announce", "200ms");
		settings.put("eureka.client.service-url.defaultZone", registry.url());
		settings.put("eureka.client.registry-fetch-interval-seconds", 1);
		settings.put("eureka.client.instance-info-replication-interval-seconds", 1);
		settings.put("eureka.client.initial-instance-info-replication-interval-seconds", 0);
		settings.put("eureka.instance.lease-renewal-interval-in-seconds", 1);
		// the Eureka server on the test class path brings Jersey; keep the sidecar's own client
		settings.put("eureka.client.jersey.enabled", false);
		settings.put("spring.cloud.loadbalancer.cache.enabled", false);
		settings.put("management.tracing.sampling.probability", 1.0);
		settings.put("management.tracing.export.zipkin.enabled", false);
		settings.put("outrigger.config-cache.dir", CACHE_DIR);
		settings.putAll(overrides);
		String[] args = settings.entrySet()
			.stream()
			.map((setting) -> "--" + setting.getKey() + "=" + setting.getValue())
			.toArray(String[]::new);
		this.context = new SpringApplicationBuilder(SidecarApplication.class).web(WebApplicationType.REACTIVE)
			.run(args);
	}

	String instanceId() {
		return this.service + ":127.0.0.1:" + this.inboundPort;
	}

	String inbound(String path) {
		return "http://127.0.0.1:" + this.inboundPort + path;
	}

	String outbound(String path) {
		return "http://127.0.0.1:" + this.outboundPort + path;
	}

	@Override
	public void close() {
		this.context.close();
	}

	/** A port that was free a moment ago: the sidecar must know its ports before it binds them. */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
