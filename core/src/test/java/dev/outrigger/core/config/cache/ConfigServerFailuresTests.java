package dev.outrigger.core.config.cache;

import java.net.ConnectException;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.config.client.ConfigClientFailFastException;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.UnknownContentTypeException;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigServerFailuresTests {

	@Test
	void aRefusedConnectionMakesTheServerUnavailable() {
		Exception failure = failFast(new ResourceAccessException("I/O error", new ConnectException("Connection refused")));

		assertThat(ConfigServerFailures.isUnavailable(failure)).isTrue();
		assertThat(ConfigServerFailures.describe(failure)).isEqualTo("ConnectException: Connection refused");
	}

	@Test
	void aTimeoutMakesTheServerUnavailable() {
		Exception failure = failFast(
				new ResourceAccessException("I/O error", new SocketTimeoutException("Read timed out")));

		assertThat(ConfigServerFailures.isUnavailable(failure)).isTrue();
	}

	@Test
	void aServerErrorMakesTheServerUnavailable() {
		Exception failure = failFast(HttpServerErrorException.create(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
				null, null, null));

		assertThat(ConfigServerFailures.isUnavailable(failure)).isTrue();
		assertThat(ConfigServerFailures.describe(failure)).isEqualTo("it answered 503 Service Unavailable");
	}

	@Test
	void aClientErrorIsAMistakeTheCacheMustNotHide() {
		Exception failure = failFast(
				HttpClientErrorException.create(HttpStatus.UNAUTHORIZED, "Unauthorized", null, null, null));

		assertThat(ConfigServerFailures.isUnavailable(failure)).isFalse();
	}

	@Test
	void anAnswerThatIsNotAConfigIsAMistakeTheCacheMustNotHide() {
		Exception failure = failFast(new UnknownContentTypeException(Object.class, null, HttpStatus.OK, "OK", null, new byte[0]));

		assertThat(ConfigServerFailures.isUnavailable(failure)).isFalse();
	}

	@Test
	void noAnswerForTheLabelIsAMistakeTheCacheMustNotHide() {
		Exception failure = new ConfigClientFailFastException(
				"Could not locate PropertySource and the fail fast property is set, failing: None of labels [] found",
				null);

		assertThat(ConfigServerFailures.isUnavailable(failure)).isFalse();
	}

	private static Exception failFast(Exception cause) {
		return new ConfigClientFailFastException("Could not locate PropertySource and the fail fast property is set",
				cause);
	}

}
