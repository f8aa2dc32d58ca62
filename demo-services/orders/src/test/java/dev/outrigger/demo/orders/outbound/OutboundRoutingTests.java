package dev.outrigger.demo.orders.outbound;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OutboundRoutingTests {

	@Test
	void sendsCallsByServiceNameThroughTheProxy() {
		OutboundRouting routing = OutboundRouting.of(properties("http://127.0.0.1:15001", null));
		assertThat(routing.proxy()).isEqualTo(new InetSocketAddress("127.0.0.1", 15001));
		assertThat(routing.catalogUrl()).isEqualTo(URI.create("http://catalog"));
		assertThat(routing.paymentsUrl()).isEqualTo(URI.create("http://payments"));
	}

	@Test
	void preferTheProxyOverTheMeshUrl() {
		OutboundRouting routing = OutboundRouting.of(properties("http://127.0.0.1:15001", "http://127.0.0.1:15002"));
		assertThat(routing.proxy()).isNotNull();
		assertThat(routing.catalogUrl()).isEqualTo(URI.create("http://catalog"));
	}

	@Test
	void acceptsAProxyWithoutSchemeOrPort() {
		assertThat(OutboundRouting.of(properties("127.0.0.1:15001", null)).proxy())
			.isEqualTo(new InetSocketAddress("127.0.0.1", 15001));
		assertThat(OutboundRouting.of(properties("http://127.0.0.1/", null)).proxy())
			.isEqualTo(new InetSocketAddress("127.0.0.1", 80));
	}

	@Test
	void putsTheServiceNameUnderTheMeshUrlWhenThereIsNoProxy() {
		OutboundRouting routing = OutboundRouting.of(properties("", "http://127.0.0.1:15001/"));
		assertThat(routing.proxy()).isNull();
		assertThat(routing.catalogUrl()).isEqualTo(URI.create("http://127.0.0.1:15001/catalog"));
		assertThat(routing.paymentsUrl()).isEqualTo(URI.create("http://127.0.0.1:15001/payments"));
	}

	@Test
	void callsTheBaseUrlsDirectlyWhenNeitherIsSet() {
		OutboundRouting routing = OutboundRouting.of(properties(null, " "));
		assertThat(routing.proxy()).isNull();
		assertThat(routing.catalogUrl()).isEqualTo(URI.create("http://catalog"));
	}

	@Test
	void rejectsAnHttpsProxyByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> OutboundRouting.of(properties("https://proxy:443", null)))
			.withMessage("orders.http-proxy (HTTP_PROXY) must be an http://host:port URL, got 'https://proxy:443'");
	}

	@Test
	void rejectsAProxyThatIsNoUrl() {
		assertThatIllegalArgumentException().isThrownBy(() -> OutboundRouting.of(properties("http://[oops", null)))
			.withMessageContaining("orders.http-proxy (HTTP_PROXY) must be an http://host:port URL");
	}

	@Test
	void rejectsARelativeMeshUrl() {
		assertThatIllegalArgumentException().isThrownBy(() -> OutboundRouting.of(properties(null, "/mesh")))
			.withMessage("orders.mesh-url (ORDERS_MESH_URL) must be an http://host:port URL, got '/mesh'");
	}

	private static OrdersProperties properties(String httpProxy, String meshUrl) {
		return new OrdersProperties(URI.create("http://catalog"), URI.create("http://payments"), httpProxy, meshUrl,
				Duration.ofSeconds(1), Duration.ofSeconds(5));
	}

}
