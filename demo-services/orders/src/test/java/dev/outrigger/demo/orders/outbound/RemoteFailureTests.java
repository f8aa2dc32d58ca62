package dev.outrigger.demo.orders.outbound;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;

class RemoteFailureTests {

	@Test
	void refusedConnectionSaysSo() {
		ConnectException refused = new ConnectException();
		refused.initCause(new ClosedChannelException());
		assertThat(RemoteFailure.describe(failed(refused))).isEqualTo("connection refused");
	}

	@Test
	void unknownHostSaysItCannotBeResolved() {
		ConnectException unresolved = new ConnectException();
		unresolved.initCause(new UnresolvedAddressException());
		assertThat(RemoteFailure.describe(failed(unresolved))).isEqualTo("cannot resolve its host name");
	}

	@Test
	void timeoutsSayWhichOne() {
		assertThat(RemoteFailure.describe(failed(new HttpConnectTimeoutException("HTTP connect timed out"))))
			.isEqualTo("timed out connecting");
		assertThat(RemoteFailure.describe(failed(new HttpTimeoutException("request timed out"))))
			.isEqualTo("timed out waiting for an answer");
	}

	@Test
	void connectionClosedMidwaySaysSo() {
		assertThat(RemoteFailure.describe(failed(new EOFException("EOF reached while reading"))))
			.isEqualTo("connection closed before an answer");
	}

	@Test
	void otherFailuresNameTheirCause() {
		assertThat(RemoteFailure.describe(failed(new IOException("connection reset"))))
			.isEqualTo("IOException: connection reset");
	}

	@Test
	void answeredFailuresNameTheStatus() {
		assertThat(RemoteFailure.describe(HttpStatusCode.valueOf(502))).isEqualTo("answered HTTP 502");
	}

	private static ResourceAccessException failed(IOException cause) {
		return new ResourceAccessException("I/O error on GET request for \"http://catalog/items/1\"", cause);
	}

}
