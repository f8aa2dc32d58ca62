package dev.outrigger.core.http;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class HopByHopHeadersTests {

	@ParameterizedTest
	@ValueSource(strings = { "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate",
			"Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "connection", "TRANSFER-ENCODING" })
	void theStandardHopByHopHeadersAreNotForwardedWhateverTheirCase(String name) {
		assertThat(HopByHopHeaders.isHopByHop(name)).isTrue();
		assertThat(HopByHopHeaders.of(List.of()).contains(name)).isTrue();
	}

	@Test
	void endToEndHeadersAreForwarded() {
		HopByHopHeaders headers = HopByHopHeaders.of(List.of("keep-alive"));
		assertThat(headers.contains("Content-Type")).isFalse();
		assertThat(headers.contains("Content-Length")).isFalse();
		assertThat(headers.contains("X-Request-Id")).isFalse();
		assertThat(HopByHopHeaders.isHopByHop("Host")).isFalse();
	}

	@Test
	void headersThatConnectionNamesAreNotForwarded() {
		HopByHopHeaders headers = HopByHopHeaders.of(List.of("keep-alive, X-Hop-Secret", " x-other-hop ,,"));
		assertThat(headers.contains("x-hop-secret")).isTrue();
		assertThat(headers.contains("X-Other-Hop")).isTrue();
		assertThat(headers.contains("X-Third")).isFalse();
		assertThat(HopByHopHeaders.isHopByHop("X-Hop-Secret")).isFalse();
	}

}
