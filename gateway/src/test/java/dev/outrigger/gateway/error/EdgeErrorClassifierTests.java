package dev.outrigger.gateway.error;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;

import dev.outrigger.core.error.MeshError;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeErrorClassifierTests {

	private static final FailedRequest CATALOG = new FailedRequest("/api/catalog/items/1", "catalog",
			Duration.ofSeconds(5));

	private final EdgeErrorClassifier classifier = new EdgeErrorClassifier();

	@Test
	void callNotPermittedIsCircuitOpen() {
		CircuitBreaker breaker = CircuitBreaker.ofDefaults("catalog");
		breaker.transitionToOpenState();

		MeshError error = this.classifier.classify(CallNotPermittedException.createCallNotPermittedException(breaker),
				CATALOG);

		assertThat(error).isEqualTo(MeshError.circuitOpen("catalog"));
	}

	@Test
	void gatewayServiceUnavailableFromCircuitBreakerFilterIsCircuitOpen() {
		MeshError error = this.classifier.classify(new ServiceUnavailableException(), CATALOG);

		assertThat(error.status()).isEqualTo(503);
		assertThat(error.error()).isEqualTo("circuit_open");
		assertThat(error.service()).isEqualTo("catalog");
	}

	@Test
	void loadBalancerNotFoundIsNoHealthyInstanceNamingTheService() {
		NotFoundException notFound = NotFoundException.create(false, "Unable to find instance for catalog");

		MeshError error = this.classifier.classify(notFound, CATALOG);

		assertThat(error).isEqualTo(MeshError.noHealthyInstance("catalog"));
		assertThat(error.status()).isEqualTo(503);
	}

	@Test
	void loadBalancerNotFoundIsNoHealthyInstanceEvenWhenConfiguredFor404() {
		NotFoundException notFound = NotFoundException.create(true, "Unable to find instance for catalog");

		assertThat(this.classifier.classify(notFound, CATALOG).error()).isEqualTo("no_healthy_instance");
	}

	@Test
	void connectionRefusedIsUpstreamUnreachableWithoutTheInternalAddress() {
		ConnectException refused = new ConnectException("Connection refused: /10.0.0.7:8081");

		MeshError error = this.classifier.classify(refused, CATALOG);

		assertThat(error.status()).isEqualTo(503);
		assertThat(error.error()).isEqualTo("upstream_unreachable");
		assertThat(error.message()).contains("connection refused").doesNotContain("10.0.0.7");
	}

	@Test
	void connectTimeoutIsUpstreamUnreachable() {
		MeshError error = this.classifier.classify(new ConnectTimeoutException("connection timed out"), CATALOG);

		assertThat(error.error()).isEqualTo("upstream_unreachable");
		assertThat(error.message()).contains("connect timed out");
	}

	@Test
	void connectionClosedBeforeResponseIsUpstreamUnreachable() {
		MeshError error = this.classifier.classify(PrematureCloseException.TEST_EXCEPTION, CATALOG);

		assertThat(error.error()).isEqualTo("upstream_unreachable");
		assertThat(error.message()).contains("closed before the response");
	}

	@Test
	void connectionResetIsUpstreamUnreachable() {
		MeshError error = this.classifier.classify(new IOException("Connection reset by peer"), CATALOG);

		assertThat(error.error()).isEqualTo("upstream_unreachable");
	}

	@Test
	void wrappedConnectionFailureIsFoundInTheCauseChain() {
		RuntimeException wrapped = new IllegalStateException("while routing", new ConnectException("refused"));

		assertThat(this.classifier.classify(wrapped, CATALOG).error()).isEqualTo("upstream_unreachable");
	}

	@Test
	void gatewayResponseTimeoutIsUpstreamTimeoutWithTheDeadline() {
		ResponseStatusException timeout = new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT,
				"Response took longer than timeout: PT5S", new TimeoutException("Response took longer than timeout"));

		MeshError error = this.classifier.classify(timeout, CATALOG);

		assertThat(error).isEqualTo(MeshError.upstreamTimeout("catalog", Duration.ofSeconds(5)));
		assertThat(error.status()).isEqualTo(504);
	}

	@Test
	void timeLimiterTimeoutIsUpstreamTimeout() {
		MeshError error = this.classifier.classify(new java.util.concurrent.TimeoutException("limit"), CATALOG);

		assertThat(error.error()).isEqualTo("upstream_timeout");
	}

	@Test
	void nettyReadTimeoutIsUpstreamTimeout() {
		assertThat(this.classifier.classify(ReadTimeoutException.INSTANCE, CATALOG).error())
			.isEqualTo("upstream_timeout");
	}

	@Test
	void timeoutWithoutKnownDeadlineStillAnswers504() {
		FailedRequest noDeadline = new FailedRequest("/api/catalog/items", "catalog", null);

		MeshError error = this.classifier.classify(new java.util.concurrent.TimeoutException(), noDeadline);

		assertThat(error.status()).isEqualTo(504);
		assertThat(error.error()).isEqualTo("upstream_timeout");
		assertThat(error.message()).contains("catalog");
	}

	@Test
	void noMatchingHandlerIsRouteNotFoundNamingThePath() {
		FailedRequest unrouted = new FailedRequest("/api/payments/1", null, Duration.ofSeconds(5));

		MeshError error = this.classifier.classify(new ResponseStatusException(HttpStatus.NOT_FOUND), unrouted);

		assertThat(error).isEqualTo(MeshError.routeNotFound("/api/payments/1"));
	}

	@Test
	void missingStaticResourceIsRouteNotFound() {
		FailedRequest unrouted = new FailedRequest("/favicon.ico", null, null);

		MeshError error = this.classifier.classify(new NoResourceFoundException(URI.create("/favicon.ico"), "favicon.ico"), unrouted);

		assertThat(error.error()).isEqualTo("route_not_found");
	}

	@Test
	void otherClientErrorKeepsItsStatus() {
		MeshError error = this.classifier.classify(new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE),
				CATALOG);

		assertThat(error.status()).isEqualTo(413);
		assertThat(error.error()).isEqualTo("request_rejected");
	}

	@Test
	void anythingElseIsInternalErrorWithoutDetail() {
		MeshError error = this.classifier.classify(new IllegalStateException("secret detail"), CATALOG);

		assertThat(error).isEqualTo(MeshError.internalError());
		assertThat(error.toJson()).doesNotContain("secret detail").doesNotContain("IllegalStateException");
	}

	@Test
	void serverErrorStatusIsInternalError() {
		MeshError error = this.classifier.classify(new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR),
				CATALOG);

		assertThat(error.error()).isEqualTo("internal_error");
	}

}
