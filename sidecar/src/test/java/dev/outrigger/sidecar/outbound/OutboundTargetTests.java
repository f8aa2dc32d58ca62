package dev.outrigger.sidecar.outbound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OutboundTargetTests {

	@ParameterizedTest(name = "{0} -> {1} {2}")
	@CsvSource({ "http://catalog/items/1, catalog, /items/1", "http://catalog:8080/items/1, catalog, /items/1",
			"http://catalog/items?q=tea&page=2, catalog, /items?q=tea&page=2", "http://catalog, catalog, /",
			"http://catalog/, catalog, /", "http://catalog?q=1, catalog, /?q=1",
			"http://catalog:80?q=1, catalog, /?q=1", "https://catalog/items, catalog, /items",
			"HTTP://Catalog/Items/A, catalog, /Items/A" })
	void readsTheProxyForm(String requestTarget, String service, String path) {
		assertThat(OutboundTarget.parse(requestTarget)).isEqualTo(new OutboundTarget(service, path));
	}

	@ParameterizedTest(name = "{0} -> {1} {2}")
	@CsvSource({ "/catalog/items/1, catalog, /items/1", "/catalog/items?q=tea, catalog, /items?q=tea",
			"/catalog, catalog, /", "/catalog/, catalog, /", "/catalog?q=1, catalog, /?q=1",
			"/CATALOG/Items, catalog, /Items", "catalog/items, catalog, /items",
			"/catalog//items, catalog, //items" })
	void readsThePrefixForm(String requestTarget, String service, String path) {
		assertThat(OutboundTarget.parse(requestTarget)).isEqualTo(new OutboundTarget(service, path));
	}

	@ParameterizedTest
	@ValueSource(strings = { "payments-v2", "shop.catalog", "a", "svc_1", "9lives" })
	void acceptsServiceNamesWithDigitsDotsDashesAndUnderscores(String name) {
		assertThat(OutboundTarget.parse("/" + name + "/x").service()).isEqualTo(name);
	}

	@Test
	void acceptsAServiceNameOf63Characters() {
		String name = "s".repeat(63);

		assertThat(OutboundTarget.parse("http://" + name + "/").service()).isEqualTo(name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/", "?q=1", "/?q=1", "//items", "http://", "http:///items", "http://:8080/items",
			"/_catalog/items", "/-catalog/items", "/.catalog/items", "/cat%20alog/items", "/cat@log/items",
			"http://user@catalog/items", "http://[::1]:8080/items", "/caté/items", "*", "catalog:443" })
	void refusesATargetWithoutAValidServiceName(String requestTarget) {
		assertThatIllegalArgumentException().isThrownBy(() -> OutboundTarget.parse(requestTarget))
			.withMessage("no service name in request target '" + requestTarget
					+ "': call http://<service>/<path> through the proxy, or /<service>/<path>");
	}

	@Test
	void refusesAServiceNameOf64Characters() {
		assertThatIllegalArgumentException().isThrownBy(() -> OutboundTarget.parse("/" + "s".repeat(64) + "/x"))
			.withMessageStartingWith("no service name in request target");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "/items/1, /items/1", "/items?q=tea&page=2, /items?q=tea&page=2", "/, /",
			"http://catalog/items/1, /items/1", "http://127.0.0.1:15006/items?q=1, /items?q=1",
			"http://catalog, /", "http://catalog?q=1, /?q=1", "HTTPS://Catalog/Items, /Items", "items/1, /items/1" })
	void keepsOnlyPathAndQueryOfEitherForm(String requestTarget, String originForm) {
		assertThat(OutboundTarget.originForm(requestTarget)).isEqualTo(originForm);
	}

}
