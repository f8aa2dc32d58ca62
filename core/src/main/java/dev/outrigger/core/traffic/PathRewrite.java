package dev.outrigger.core.traffic;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the request path (not its query) with a regular expression, like Spring Cloud
 * Gateway's {@code RewritePath}.
 *
 * @param regex expression replaced wherever it is found in the path; {@code null} for none
 * @param replacement replacement, {@code $1} referring to the first group
 */
public record PathRewrite(String regex, String replacement) {

	/** No rewrite. */
	public static final PathRewrite OFF = new PathRewrite(null, null);

	private static final Pattern GROUP_REFERENCE = Pattern.compile("\\$(\\d{1,9})");

	public PathRewrite {
		if (regex == null) {
			if (replacement != null) {
				throw new IllegalArgumentException(
						"rewrite-path.regex is required when rewrite-path.replacement is set");
			}
		}
		else {
			checkGroups(RequestMatcher.compile("rewrite-path", regex), replacement);
		}
	}

	/** Whether paths stay as they are. */
	public boolean isOff() {
		return this.regex == null;
	}

	/** The compiled expression, or {@code null} when off. */
	Pattern pattern() {
		return (this.regex != null) ? Pattern.compile(this.regex) : null;
	}

	private static void checkGroups(Pattern pattern, String replacement) {
		if (replacement == null) {
			throw new IllegalArgumentException("rewrite-path.replacement is required when rewrite-path.regex is set");
		}
		int groups = pattern.matcher("").groupCount();
		Matcher reference = GROUP_REFERENCE.matcher(replacement);
		while (reference.find()) {
			if (Integer.parseInt(reference.group(1)) > groups) {
				throw new IllegalArgumentException("rewrite-path.replacement '" + replacement + "' refers to "
						+ reference.group() + " but rewrite-path.regex '" + pattern + "' has " + groups + " group(s)");
			}
		}
	}

}
