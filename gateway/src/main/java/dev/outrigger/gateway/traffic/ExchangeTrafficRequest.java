package dev.outrigger.gateway.traffic;

import org.springframework.http.HttpCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;

import dev.outrigger.core.traffic.TrafficRequest;

/** The headers and cookies of a request at the edge, as the traffic rules read them. */
final class ExchangeTrafficRequest implements TrafficRequest {

	private final ServerHttpRequest request;

	ExchangeTrafficRequest(ServerHttpRequest request) {
		this.request = request;
	}

	@Override
	public String header(String name) {
		return this.request.getHeaders().getFirst(name);
	}

	@Override
	public String cookie(String name) {
		HttpCookie cookie = this.request.getCookies().getFirst(name);
		return (cookie != null) ? cookie.getValue() : null;
	}

}
