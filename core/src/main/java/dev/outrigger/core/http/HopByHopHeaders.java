package dev.outrigger.core.http;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The headers of one message that belong to its connection only, which a proxy does not
 * forward (RFC 9110, 7.6.1): the hop-by-hop headers, and those that {@code Connection} names.
 */
public final class HopByHopHeaders {

	/** The hop-by-hop header names, in lower case. */
	public static final Set<String> NAMES = Set.of("connection", "keep-alive", "proxy-connection",
			"proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

	private static final HopByHopHeaders STANDARD = new HopByHopHeaders(Set.of());

	private final Set<String> listed;

	private HopByHopHeaders(Set<String> listed) {
		this.listed = listed;
	}

	/**
	 * The hop-by-hop headers of a message.
	 * @param connection the values of its {@code Connection} header; empty when it has none
	 */
	public static HopByHopHeaders of(Iterable<String> connection) {
		Set<String> listed = new HashSet<>();
		for (String value : connection) {
			for (String token : value.split(",")) {
				String name = token.trim();
				if (!name.isEmpty()) {
					listed.add(name.toLowerCase(Locale.ROOT));
				}
			}
		}
		return listed.isEmpty() ? STANDARD : new HopByHopHeaders(listed);
	}

	/** Whether the header is hop-by-hop by its name alone, whatever its case. */
	public static boolean isHopByHop(String name) {
		return NAMES.contains(name.toLowerCase(Locale.ROOT));
	}

	/** Whether the header belongs to the connection and is not forwarded. */
	public boolean contains(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return NAMES.contains(lower) || this.listed.contains(lower);
	}

}
