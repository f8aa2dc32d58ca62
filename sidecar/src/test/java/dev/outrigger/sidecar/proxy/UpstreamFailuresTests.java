package dev.outrigger.sidecar.proxy;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.PrematureCloseException;

import dev.outrigger.core.error.MeshError;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamFailuresTests {

	private static final Duration TIMEOUT = Duration.ofMillis(1500);

	@Test
	void aResponseTimeoutOfAServiceIs504() {
		assertThat(UpstreamFailures.forService("catalog", ReadTimeoutException.INSTANCE, TIMEOUT))
			.isEqualTo(new MeshError(504, "upstream_timeout", "service 'catalog' did not answer within 1500 ms",
					"catalog"));
	}

	@Test
	void aReactorTimeoutIs504() {
		assertThat(UpstreamFailures.forService("catalog", new TimeoutException("Did not observe"), TIMEOUT).error())
			.isEqualTo("upstream_timeout");
	}

	@Test
	void aConnectTimeoutIsATimeoutNotARefusal() {
		MeshError error = UpstreamFailures.forService("catalog", new ConnectTimeoutException("timed out"), TIMEOUT);

		assertThat(error.status()).isEqualTo(504);
		assertThat(error.error()).isEqualTo("upstream_timeout");
	}

	@Test
	void aRefusedConnectionToAServiceIs503Unreachable() {
		assertThat(UpstreamFailures.forService("catalog", new ConnectException("Connection refused"), TIMEOUT))
			.isEqualTo(new MeshError(503, "upstream_unreachable",
					"service 'catalog' could not be reached: connection refused", "catalog"));
	}

	@Test
	void aConnectionClosedBeforeTheAnswerIs503Unreachable() {
		assertThat(UpstreamFailures.forService("catalog", PrematureCloseException.TEST_EXCEPTION, TIMEOUT).message())
			.isEqualTo("service 'catalog' could not be reached: connection closed before the answer");
	}

	@Test
	void anyOtherIoFailureIs503WithItsMessage() {
		assertThat(UpstreamFailures.forService("catalog", new IOException("Connection reset by peer"), TIMEOUT)
			.message()).isEqualTo("service 'catalog' could not be reached: Connection reset by peer");
	}

	@Test
	void anIoFailureWithoutMessageIsNamedByItsType() {
		assertThat(UpstreamFailures.forService("catalog", new IOException(), TIMEOUT).message())
			.isEqualTo("service 'catalog' could not be reached: IOException");
	}

	@Test
	void anUnexpectedFailureIs500WithoutItsDetail() {
		MeshError error = UpstreamFailures.forService("catalog", new IllegalStateException("secret detail"), TIMEOUT);

		assertThat(error).isEqualTo(MeshError.internalError());
		assertThat(error.toJson()).doesNotContain("secret detail");
	}

	@Test
	void aRefusedConnectionToTheAppIs503AppUnavailable() {
		assertThat(UpstreamFailures.forApp("orders", new ConnectException("Connection refused"), TIMEOUT))
			.isEqualTo(new MeshError(503, "app_unavailable",
					"the application of service 'orders' is not reachable: connection refused", "orders"));
	}

	@Test
	void anAppThatClosesEarlyIs503AppUnavailable() {
		assertThat(UpstreamFailures.forApp("orders", PrematureCloseException.TEST_EXCEPTION, TIMEOUT).message())
			.isEqualTo("the application of service 'orders' is not reachable: connection closed before the answer");
	}

	@Test
	void aSlowAppIs504() {
		assertThat(UpstreamFailures.forApp("orders", ReadTimeoutException.INSTANCE, TIMEOUT))
			.isEqualTo(MeshError.upstreamTimeout("orders", TIMEOUT));
	}

	@Test
	void anUnexpectedAppFailureIs500() {
		assertThat(UpstreamFailures.forApp("orders", new IllegalArgumentException("x"), TIMEOUT))
			.isEqualTo(MeshError.internalError());
	}

	@Test
	void classifiesTimeoutsAndUnreachables() {
		assertThat(UpstreamFailures.isTimeout(ReadTimeoutException.INSTANCE)).isTrue();
		assertThat(UpstreamFailures.isTimeout(new ConnectException())).isFalse();
		assertThat(UpstreamFailures.isUnreachable(new ConnectException())).isTrue();
		assertThat(UpstreamFailures.isUnreachable(new IllegalStateException())).isFalse();
	}

}
