package dev.outrigger.sidecar.proxy;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/** Copies headers across a proxy hop, leaving out those that belong to one connection only. */
public final class ProxyHeaders {

	private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
			"proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

	private ProxyHeaders() {
	}

	/**
	 * Copies every end-to-end header of {@code from} into {@code to}, replacing any value
	 * {@code to} already has under the same name (such as a client's default Host). Leaves
	 * out the hop-by-hop headers and those that {@code Connection} names (RFC 9110, 7.6.1).
	 */
	public static void copy(HttpHeaders from, HttpHeaders to) {
		Set<String> connectionOptions = connectionOptions(from);
		for (String name : from.names()) {
			if (isEndToEnd(name) && !connectionOptions.contains(name.toLowerCase(Locale.ROOT))) {
				to.set(name, from.getAll(name));
			}
		}
	}

	private static Set<String> connectionOptions(HttpHeaders headers) {
		List<String> values = headers.getAll(HttpHeaderNames.CONNECTION);
		if (values.isEmpty()) {
			return Set.of();
		}
		Set<String> names = new HashSet<>();
		for (String value : values) {
			for (String token : value.split(",")) {
				names.add(token.trim().toLowerCase(Locale.ROOT));
			}
		}
		return names;
	}

	/** Whether a header travels end to end (not hop-by-hop). */
	public static boolean isEndToEnd(String name) {
		return !HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT));
	}

}
