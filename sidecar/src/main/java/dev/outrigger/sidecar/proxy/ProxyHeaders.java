package dev.outrigger.sidecar.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

import dev.outrigger.core.http.HopByHopHeaders;

/** Copies headers across a proxy hop, leaving out those that belong to one connection only. */
public final class ProxyHeaders {

	private ProxyHeaders() {
	}

	/**
	 * Copies every end-to-end header of {@code from} into {@code to}, replacing any value
	 * {@code to} already has under the same name (such as a client's default Host). Leaves
	 * out the hop-by-hop headers and those that {@code Connection} names (RFC 9110, 7.6.1).
	 */
	public static void copy(HttpHeaders from, HttpHeaders to) {
		HopByHopHeaders hopByHop = HopByHopHeaders.of(from.getAll(HttpHeaderNames.CONNECTION));
		for (String name : from.names()) {
			if (!hopByHop.contains(name)) {
				to.set(name, from.getAll(name));
			}
		}
	}

	/** Whether a header travels end to end (not hop-by-hop). */
	public static boolean isEndToEnd(String name) {
		return !HopByHopHeaders.isHopByHop(name);
	}

}
