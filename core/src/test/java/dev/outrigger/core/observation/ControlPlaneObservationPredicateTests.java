package dev.outrigger.core.observation;

import java.net.URI;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ControlPlaneObservationPredicateTests {

	private final ControlPlaneObservationPredicate predicate = new ControlPlaneObservationPredicate();

	private final ObservationRegistry registry = ObservationRegistry.create();

	@Test
	void dropsAClientCallMadeOutsideAnyRequest() {
		ClientRequestObservationContext heartbeat = clientContext("http://registry:8761/eureka/apps/CATALOG/1");

		assertThat(this.predicate.test("http.client.requests", heartbeat)).isFalse();
	}

	@Test
	void keepsAClientCallMadeWhileHandlingARequest() {
		ClientRequestObservationContext call = clientContext("http://catalog/items/1");
		Observation parent = Observation.start("http.server.requests", this.registry);
		call.setParentObservation(parent);

		assertThat(this.predicate.test("http.client.requests", call)).isTrue();
		parent.stop();
	}

	@Test
	void dropsActuatorProbes() {
		assertThat(this.predicate.test("http.server.requests", serverContext("/actuator/health"))).isFalse();
		assertThat(this.predicate.test("http.server.requests", serverContext("/actuator/prometheus"))).isFalse();
	}

	@Test
	void keepsServerRequestsForTheApp() {
		assertThat(this.predicate.test("http.server.requests", serverContext("/items/1"))).isTrue();
		assertThat(this.predicate.test("http.server.requests", serverContext("/"))).isTrue();
	}

	@Test
	void keepsPathsThatOnlyMentionActuatorLater() {
		assertThat(this.predicate.test("http.server.requests", serverContext("/api/actuator/health"))).isTrue();
	}

	@Test
	void keepsEveryOtherKindOfObservation() {
		assertThat(this.predicate.test("spring.security.filterchains", new Observation.Context())).isTrue();
	}

	@Test
	void filtersARegistrysObservationsOnceConfigured() {
		this.registry.observationConfig()
			.observationPredicate(this.predicate)
			.observationHandler((context) -> true);

		Observation heartbeat = Observation.createNotStarted("http.client.requests",
				() -> clientContext("http://registry/eureka/apps"), this.registry);
		Observation probe = Observation.createNotStarted("http.server.requests",
				() -> serverContext("/actuator/health"), this.registry);
		Observation call = Observation.createNotStarted("http.server.requests", () -> serverContext("/items/1"),
				this.registry);

		assertThat(heartbeat.isNoop()).isTrue();
		assertThat(probe.isNoop()).isTrue();
		assertThat(call.isNoop()).isFalse();
	}

	private static ClientRequestObservationContext clientContext(String uri) {
		return new ClientRequestObservationContext(new MockClientHttpRequest(HttpMethod.PUT, URI.create(uri)));
	}

	private static ServerRequestObservationContext serverContext(String path) {
		return new ServerRequestObservationContext(MockServerHttpRequest.get(path).build(),
				new MockServerHttpResponse(), Map.of());
	}

}
