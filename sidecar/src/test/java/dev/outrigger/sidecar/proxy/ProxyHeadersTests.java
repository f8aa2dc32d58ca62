package dev.outrigger.sidecar.proxy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyHeadersTests {

	@ParameterizedTest
	@ValueSource(strings = { "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate",
			"Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "connection", "TRANSFER-ENCODING" })
	void dropsHopByHopHeadersWhateverTheirCase(String name) {
		HttpHeaders from = new DefaultHttpHeaders().add(name, "x").add("Accept", "application/json");
		HttpHeaders to = new DefaultHttpHeaders();

		ProxyHeaders.copy(from, to);

		assertThat(to.contains(name)).isFalse();
		assertThat(to.get("Accept")).isEqualTo("application/json");
		assertThat(ProxyHeaders.isEndToEnd(name)).isFalse();
	}

	@Test
	void copiesEndToEndHeadersWithAllTheirValues() {
		HttpHeaders from = new DefaultHttpHeaders().add("Set-Cookie", "a=1")
			.add("Set-Cookie", "b=2")
			.add("X-Request-Id", "r-1")
			.add("Content-Length", "12")
			.add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		HttpHeaders to = new DefaultHttpHeaders();

		ProxyHeaders.copy(from, to);

		assertThat(to.getAll("Set-Cookie")).containsExactly("a=1", "b=2");
		assertThat(to.get("X-Request-Id")).isEqualTo("r-1");
		assertThat(to.get("Content-Length")).isEqualTo("12");
		assertThat(to.get("traceparent")).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
	}

	@Test
	void replacesADefaultTheTargetAlreadyHas() {
		HttpHeaders from = new DefaultHttpHeaders().add("Host", "catalog").add("User-Agent", "curl/8");
		HttpHeaders to = new DefaultHttpHeaders().add("Host", "127.0.0.1:15006").add("User-Agent", "ReactorNetty");

		ProxyHeaders.copy(from, to);

		assertThat(to.getAll("Host")).containsExactly("catalog");
		assertThat(to.getAll("User-Agent")).containsExactly("curl/8");
	}

	@Test
	void dropsHeadersThatConnectionNamesAsHopByHop() {
		HttpHeaders from = new DefaultHttpHeaders().add("Connection", "keep-alive, X-Hop-Secret")
			.add("Connection", "x-other-hop")
			.add("X-Hop-Secret", "s3cret")
			.add("X-Other-Hop", "1")
			.add("X-End-To-End", "kept");
		HttpHeaders to = new DefaultHttpHeaders();

		ProxyHeaders.copy(from, to);

		assertThat(to.names()).containsExactly("X-End-To-End");
	}

	@Test
	void copiesNothingFromNothing() {
		HttpHeaders to = new DefaultHttpHeaders().add("Host", "app");

		ProxyHeaders.copy(new DefaultHttpHeaders(), to);

		assertThat(to.names()).containsExactly("Host");
	}

}
