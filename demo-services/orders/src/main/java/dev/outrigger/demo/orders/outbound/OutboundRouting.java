package dev.outrigger.demo.orders.outbound;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Where outbound calls go: through the sidecar as a forward proxy, under the sidecar's URL
 * prefix, or straight to the configured base URLs.
 *
 * @param proxy the forward proxy to send every call through, if any
 * @param catalogUrl the base URL that catalog calls start with
 * @param paymentsUrl the base URL that payments calls start with
 */
record OutboundRouting(@Nullable InetSocketAddress proxy, URI catalogUrl, URI paymentsUrl) {

	static OutboundRouting of(OrdersProperties properties) {
		if (StringUtils.hasText(properties.httpProxy())) {
			return new OutboundRouting(parseProxy(properties.httpProxy().trim()), properties.catalogUrl(),
					properties.paymentsUrl());
		}
		if (StringUtils.hasText(properties.meshUrl())) {
			URI mesh = parseMeshUrl(properties.meshUrl().trim());
			return new OutboundRouting(null, underMesh(mesh, properties.catalogUrl()),
					underMesh(mesh, properties.paymentsUrl()));
		}
		return new OutboundRouting(null, properties.catalogUrl(), properties.paymentsUrl());
	}

	private static InetSocketAddress parseProxy(String value) {
		URI uri = parse(value.contains("://") ? value : "http://" + value, "orders.http-proxy (HTTP_PROXY)", value);
		if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
			throw invalid("orders.http-proxy (HTTP_PROXY)", value);
		}
		return new InetSocketAddress(uri.getHost(), (uri.getPort() != -1) ? uri.getPort() : 80);
	}

	private static URI parseMeshUrl(String value) {
		URI uri = parse(value, "orders.mesh-url (ORDERS_MESH_URL)", value);
		if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
			throw invalid("orders.mesh-url (ORDERS_MESH_URL)", value);
		}
		return uri;
	}

	private static URI underMesh(URI mesh, URI service) {
		String prefix = StringUtils.trimTrailingCharacter(mesh.toString(), '/');
		return URI.create(prefix + "/" + service.getHost() + StringUtils.trimTrailingCharacter(service.getPath(), '/'));
	}

	private static URI parse(String candidate, String setting, String value) {
		try {
			return new URI(candidate);
		}
		catch (URISyntaxException ex) {
			throw invalid(setting, value);
		}
	}

	private static IllegalArgumentException invalid(String setting, String value) {
		return new IllegalArgumentException(setting + " must be an http://host:port URL, got '" + value + "'");
	}

}
