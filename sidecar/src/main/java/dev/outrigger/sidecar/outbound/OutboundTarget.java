package dev.outrigger.sidecar.outbound;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The service and path an app asked its sidecar for, in either form: as an HTTP proxy
 * ({@code GET http://catalog/items/1}) or by prefix ({@code GET /catalog/items/1}).
 *
 * @param service the destination service name, lower case
 * @param path the path and query to request from the service, starting with {@code /}
 */
public record OutboundTarget(String service, String path) {

	private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,62})");

	/**
	 * Reads the target from a request-target.
	 * @param requestTarget the request line's target, absolute or origin form
	 * @return the target
	 * @throws IllegalArgumentException if no valid service name can be read
	 */
	public static OutboundTarget parse(String requestTarget) {
		String rest;
		String service;
		if (hasScheme(requestTarget)) {
			String afterScheme = requestTarget.substring(requestTarget.indexOf("://") + 3);
			int slash = indexOfPathStart(afterScheme);
			String authority = afterScheme.substring(0, slash);
			service = stripPort(authority);
			rest = afterScheme.substring(slash);
		}
		else {
			String path = requestTarget.startsWith("/") ? requestTarget.substring(1) : requestTarget;
			int slash = indexOfPathStart(path);
			service = path.substring(0, slash);
			rest = path.substring(slash);
		}
		service = service.toLowerCase(Locale.ROOT);
		if (!SERVICE_NAME.matcher(service).matches()) {
			throw new IllegalArgumentException("no service name in request target '" + requestTarget
					+ "': call http://<service>/<path> through the proxy, or /<service>/<path>");
		}
		return new OutboundTarget(service, rest.isEmpty() || rest.charAt(0) == '?' ? "/" + rest : rest);
	}

	/** The origin form (path and query) of a request-target that may be in absolute form. */
	public static String originForm(String requestTarget) {
		if (!hasScheme(requestTarget)) {
			return requestTarget.startsWith("/") ? requestTarget : "/" + requestTarget;
		}
		String afterScheme = requestTarget.substring(requestTarget.indexOf("://") + 3);
		String rest = afterScheme.substring(indexOfPathStart(afterScheme));
		return rest.isEmpty() || rest.charAt(0) == '?' ? "/" + rest : rest;
	}

	private static boolean hasScheme(String target) {
		return target.regionMatches(true, 0, "http://", 0, 7) || target.regionMatches(true, 0, "https://", 0, 8);
	}

	private static int indexOfPathStart(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '/' || c == '?') {
				return i;
			}
		}
		return value.length();
	}

	private static String stripPort(String authority) {
		int colon = authority.lastIndexOf(':');
		return (colon >= 0) ? authority.substring(0, colon) : authority;
	}

}
