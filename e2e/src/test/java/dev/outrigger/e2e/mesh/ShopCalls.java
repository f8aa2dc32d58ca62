package dev.outrigger.e2e.mesh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The demo shop's requests that reach the catalog, as load for {@link SteadyLoad}: through the
 * gateway, or as the orders app would send them, through orders' sidecar.
 */
final class ShopCalls {

	/** Body of the reservations: 10 KiB, so that a retry that lost part of it shows. */
	static final byte[] LARGE_BODY = largeBody();

	private final String gateway;

	private final String ordersOutbound;

	ShopCalls(MeshPlatform mesh) {
		this.gateway = mesh.url("gateway", "http");
		this.ordersOutbound = mesh.url("orders-1-sidecar", "outbound");
	}

	/** An item through the gateway: gateway → catalog sidecar → catalog. */
	SteadyLoad.Call itemViaGateway() {
		return new SteadyLoad.Call("GET /api/catalog/items/1", () -> Http.get(this.gateway + "/api/catalog/items/1"));
	}

	/** A quote through the gateway: gateway → orders (sidecars both ways) → catalog. */
	SteadyLoad.Call quoteViaOrders() {
		return new SteadyLoad.Call("GET /api/orders/quote?itemId=2&quantity=3",
				() -> Http.get(this.gateway + "/api/orders/quote?itemId=2&quantity=3"),
				(reply) -> reply.body().contains("\"total\":104.70") ? null : "2xx without the total: " + reply);
	}

	/** An item asked of orders' sidecar, as the orders app asks: sidecar → catalog sidecar → catalog. */
	SteadyLoad.Call itemViaOrdersSidecar() {
		return new SteadyLoad.Call("GET orders-sidecar /catalog/items/1",
				() -> Http.get(this.ordersOutbound + "/catalog/items/1"));
	}

	/** An order through the gateway: a POST that reaches orders, catalog and payments. */
	SteadyLoad.Call orderViaGateway() {
		return new SteadyLoad.Call("POST /api/orders",
				() -> Http.postJson(this.gateway + "/api/orders", "{\"itemId\":1,\"quantity\":1}", Map.of()));
	}

	/** A 10 KiB reservation POSTed to the catalog through the gateway, its echo checked. */
	SteadyLoad.Call reservationViaGateway(Map<String, String> headers) {
		return reservation("POST /api/catalog/items/1/reservations",
				this.gateway + "/api/catalog/items/1/reservations", headers);
	}

	/** A 10 KiB reservation POSTed to the catalog through orders' sidecar, its echo checked. */
	SteadyLoad.Call reservationViaOrdersSidecar(Map<String, String> headers) {
		return reservation("POST orders-sidecar /catalog/items/1/reservations",
				this.ordersOutbound + "/catalog/items/1/reservations", headers);
	}

	private static SteadyLoad.Call reservation(String name, String url, Map<String, String> headers) {
		return new SteadyLoad.Call(name + (headers.isEmpty() ? "" : " " + headers.keySet()),
				() -> Http.post(url, LARGE_BODY, withContentType(headers)), ShopCalls::echoProblem);
	}

	private static Map<String, String> withContentType(Map<String, String> headers) {
		Map<String, String> all = new java.util.HashMap<>(headers);
		all.put("Content-Type", "application/octet-stream");
		return all;
	}

	/** What is wrong with a reservation's echo of {@link #LARGE_BODY}, or {@code null}. */
	static String echoProblem(Http.Reply reply) {
		long bytes = reply.json().path("bodyBytes").asLong();
		String sha256 = reply.json().path("bodySha256").asString();
		if (bytes != LARGE_BODY.length || !sha256.equals(sha256(LARGE_BODY))) {
			return "body arrived damaged: " + bytes + " of " + LARGE_BODY.length + " bytes, sha256 " + sha256;
		}
		return null;
	}

	private static byte[] largeBody() {
		StringBuilder body = new StringBuilder();
		for (int line = 0; body.length() < 10 * 1024; line++) {
			body.append(String.format("reservation note line %05d: the quick brown fox jumps over the lazy dog%n", line));
		}
		return body.substring(0, 10 * 1024).getBytes(StandardCharsets.US_ASCII);
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
