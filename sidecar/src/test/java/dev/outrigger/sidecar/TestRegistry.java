package dev.outrigger.sidecar;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import com.netflix.discovery.shared.Application;
import com.netflix.eureka.registry.PeerAwareInstanceRegistry;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;
import org.springframework.cloud.netflix.eureka.server.event.EurekaInstanceCanceledEvent;
import org.springframework.cloud.netflix.eureka.server.event.EurekaInstanceRegisteredEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Eureka server on a free port in the test JVM, tuned like the mesh's registry, that
 * remembers every registration and cancellation it saw.
 */
final class TestRegistry implements AutoCloseable {

	/** Not a component, so the sidecar's component scan does not pick it up. */
	@EnableAutoConfiguration
	@EnableEurekaServer
	static class EurekaServer {

	}

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final ConfigurableApplicationContext context;

	TestRegistry() {
		int port = RunningSidecar.freePort();
		this.context = new SpringApplicationBuilder(EurekaServer.class).web(WebApplicationType.SERVLET)
			.listeners(this::record)
			// a config name of its own, so the sidecar's application.yml stays out of it; its
			// own URL as the only peer, so it never replicates to a registry on 8761
			.run("--spring.config.name=outrigger-test-registry", "--spring.application.name=registry",
					"--server.port=" + port, "--eureka.instance.hostname=localhost",
					"--eureka.client.service-url.defaultZone=http://localhost:" + port + "/eureka/",
					"--spring.main.banner-mode=off", "--spring.cloud.config.enabled=false",
					"--outrigger.config-watch.enabled=false", "--management.tracing.export.zipkin.enabled=false",
					"--eureka.client.register-with-eureka=false", "--eureka.client.fetch-registry=false",
					"--eureka.server.use-read-only-response-cache=false",
					"--eureka.server.eviction-interval-timer-in-ms=1000",
					"--eureka.server.enable-self-preservation=false",
					"--eureka.server.wait-time-in-ms-when-sync-empty=0");
	}

	String url() {
		return "http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port") + "/eureka/";
	}

	PeerAwareInstanceRegistry registry() {
		return this.context.getBean(PeerAwareInstanceRegistry.class);
	}

	/** The only instance of {@code service}, or {@code null} when none is registered. */
	InstanceInfo instance(String service) {
		Application application = registry().getApplication(service.toUpperCase());
		if (application == null || application.getInstancesAsIsFromEureka().isEmpty()) {
			return null;
		}
		return application.getInstancesAsIsFromEureka().get(0);
	}

	InstanceStatus status(String service) {
		InstanceInfo instance = instance(service);
		return (instance != null) ? instance.getStatus() : null;
	}

	/** Registers an instance at {@code port} directly, as another member of the mesh would. */
	void register(String service, int port, InstanceStatus status) {
		register(service, service + "-1", port, status);
	}

	/** Registers (or moves) the instance {@code instanceId} of {@code service} at {@code port}. */
	void register(String service, String instanceId, int port, InstanceStatus status) {
		register(service, instanceId, port, status, Map.of(), 60);
	}

	/**
	 * Registers an instance of one version of {@code service}, with that version in its
	 * metadata, for as long as a test class may take.
	 */
	void registerVersion(String service, String version, int port, InstanceStatus status) {
		register(service, service + "-" + version + "-" + port, port, status, Map.of("version", version), 600);
	}

	private void register(String service, String instanceId, int port, InstanceStatus status,
			Map<String, String> metadata, int leaseSeconds) {
		registry().register(InstanceInfo.Builder.newBuilder()
			.setAppName(service.toUpperCase())
			.setInstanceId(instanceId)
			.setHostName("127.0.0.1")
			.setIPAddr("127.0.0.1")
			.setPort(port)
			.setVIPAddress(service)
			.setStatus(status)
			.setMetadata(new HashMap<>(metadata))
			.build(), leaseSeconds, false);
	}

	/** Registrations ("UP", "OUT_OF_SERVICE", ...) and "CANCELED", in order, of one instance. */
	List<String> events(String instanceId) {
		String prefix = instanceId + " ";
		return this.events.stream()
			.filter((event) -> event.startsWith(prefix))
			.map((event) -> event.substring(prefix.length()))
			.toList();
	}

	private void record(ApplicationEvent event) {
		if (event instanceof EurekaInstanceRegisteredEvent registered) {
			InstanceInfo info = registered.getInstanceInfo();
			this.events.add(info.getInstanceId() + " " + info.getStatus());
		}
		else if (event instanceof EurekaInstanceCanceledEvent canceled) {
			this.events.add(canceled.getServerId() + " CANCELED");
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

}
