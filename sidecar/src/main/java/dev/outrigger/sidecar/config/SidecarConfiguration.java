package dev.outrigger.sidecar.config;

import java.time.Duration;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.discovery.EurekaClient;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cloud.netflix.eureka.CloudEurekaClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.Assert;

import dev.outrigger.sidecar.inbound.InboundHandler;
import dev.outrigger.sidecar.outbound.OutboundHandler;
import dev.outrigger.sidecar.outbound.ServiceDirectory;
import dev.outrigger.sidecar.proxy.Forwarder;
import dev.outrigger.sidecar.proxy.InflightRequests;
import dev.outrigger.sidecar.proxy.MeshSpans;
import dev.outrigger.sidecar.registration.AppHealthMonitor;
import dev.outrigger.sidecar.registration.InstanceStatusGate;
import dev.outrigger.sidecar.registration.SidecarServers;
import dev.outrigger.core.policy.RefusedPolicies;
import dev.outrigger.core.policy.SidecarProperties;

/** Wires the sidecar's data path and registry membership. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SidecarProperties.class)
class SidecarConfiguration {

	@Bean
	LiveSettings liveSettings(SidecarProperties properties, ConfigurableEnvironment environment) {
		return new LiveSettings(properties, environment);
	}

	/** Health component {@code policy}: UP, with the destinations whose policy was refused and why. */
	@Bean
	HealthIndicator policyHealthIndicator(LiveSettings settings) {
		return RefusedPolicies.health(settings::refused);
	}

	/** {@code policy.refused} in {@code /actuator/info}, which {@code ./mesh status} shows. */
	@Bean
	InfoContributor policyInfoContributor(LiveSettings settings) {
		return RefusedPolicies.info(settings::refused);
	}

	@Bean
	InflightRequests inflightRequests() {
		return new InflightRequests();
	}

	@Bean
	MeshSpans meshSpans(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		return new MeshSpans(tracer.getIfAvailable(() -> Tracer.NOOP),
				propagator.getIfAvailable(() -> Propagator.NOOP));
	}

	@Bean
	Forwarder forwarder(SidecarProperties properties) {
		ConnectionProvider pool = ConnectionProvider.builder("sidecar-upstream")
			.maxConnections(1024)
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(Duration.ofSeconds(20))
			.evictInBackground(Duration.ofSeconds(30))
			.build();
		int connectMillis = (int) properties.outbound().connectTimeout().toMillis();
		return new Forwarder(HttpClient.create(pool)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis)
			.keepAlive(true)
			.compress(false));
	}

	@Bean
	ServiceDirectory serviceDirectory(EurekaClient eureka) {
		return new ServiceDirectory(eureka);
	}

	@Bean
	InstanceStatusGate instanceStatusGate(ApplicationInfoManager infoManager, EurekaClient eureka) {
		Assert.state(eureka instanceof CloudEurekaClient, "the sidecar needs Spring Cloud's Eureka client");
		CloudEurekaClient registry = (CloudEurekaClient) eureka;
		return new InstanceStatusGate(infoManager, (status) -> registry.setStatus(status, infoManager.getInfo()));
	}

	@Bean
	AppHealthMonitor appHealthMonitor(LiveSettings settings, InstanceStatusGate gate) {
		return new AppHealthMonitor(settings, gate, HttpClient.create(ConnectionProvider.newConnection()));
	}

	@Bean
	SidecarServers sidecarServers(LiveSettings settings, Forwarder forwarder, MeshSpans spans,
			ServiceDirectory directory, InstanceStatusGate gate, InflightRequests inflight) {
		HttpServer inbound = HttpServer.create()
			.handle(new InboundHandler(settings, forwarder, spans, inflight))
			.idleTimeout(Duration.ofSeconds(60));
		HttpServer outbound = HttpServer.create()
			.handle(new OutboundHandler(settings, directory, forwarder, spans, inflight))
			.idleTimeout(Duration.ofSeconds(60));
		return new SidecarServers(settings, inbound, outbound, gate, inflight);
	}

}
