package dev.outrigger.demo.orders;

import java.net.URI;

import dev.outrigger.demo.orders.FakeHttpServer.Reply;
import dev.outrigger.demo.orders.FakeHttpServer.Request;

/**
 * Answers as the real catalog and payments would, directly, as a forward proxy or under a
 * mesh URL prefix.
 */
final class FakeDependencies {

	public static final String PAYMENT_ID = "pay-0f6c1a52-test";

	private FakeDependencies() {
	}

	/** Answers as the catalog: items 1 and 2 exist, every other id is unknown. */
	public static Reply catalog(Request request) {
		return switch (request.uri().getPath()) {
			case "/items/1" -> new Reply(200, """
					{"id":1,"name":"Outrigger paddle","price":12.50,"version":"v1"}""");
			case "/items/2" -> new Reply(200, """
					{"id":2,"name":"Spray skirt","price":34.90,"version":"v1"}""");
			default -> new Reply(404, """
					{"error":"item_not_found","message":"no item with id 42"}""");
		};
	}

	/** Answers as payments, approving every charge. */
	public static Reply payments(Request request) {
		if (!request.method().equals("POST") || !request.uri().getPath().equals("/payments")) {
			return new Reply(404, "{\"error\":\"not_found\",\"message\":\"no such path\"}");
		}
		return new Reply(201, """
				{"paymentId":"%s","orderId":"ord-x","amount":25.0,"status":"APPROVED"}""".formatted(PAYMENT_ID));
	}

	/** Answers as a sidecar in forward-proxy mode, routing by the host of the absolute URI. */
	public static Reply viaProxy(Request request) {
		return switch (String.valueOf(request.uri().getHost())) {
			case "catalog" -> catalog(request);
			case "payments" -> payments(request);
			default -> new Reply(502, "{\"error\":\"no_route\",\"message\":\"no route\"}");
		};
	}

	/** Answers as a sidecar in URL-prefix mode, routing by the first path segment. */
	public static Reply viaMeshUrl(Request request) {
		String path = request.uri().getPath();
		String service = path.substring(1, path.indexOf('/', 1));
		Request forwarded = new Request(request.method(), URI.create(path.substring(service.length() + 1)),
				request.headers(), request.body());
		return switch (service) {
			case "catalog" -> catalog(forwarded);
			case "payments" -> payments(forwarded);
			default -> new Reply(502, "{\"error\":\"no_route\",\"message\":\"no route\"}");
		};
	}

}
