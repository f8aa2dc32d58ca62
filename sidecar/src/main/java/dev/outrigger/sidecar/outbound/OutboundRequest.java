package dev.outrigger.sidecar.outbound;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;

import dev.outrigger.core.traffic.TrafficRequest;

/** The headers and cookies of an app's request, as the traffic rules look at them. */
record OutboundRequest(HttpHeaders headers) implements TrafficRequest {

	@Override
	public String header(String name) {
		return this.headers.get(name);
	}

	@Override
	public String cookie(String name) {
		for (String header : this.headers.getAll(HttpHeaderNames.COOKIE)) {
			for (Cookie cookie : ServerCookieDecoder.LAX.decodeAll(header)) {
				if (cookie.name().equals(name)) {
					return cookie.value();
				}
			}
		}
		return null;
	}

}
