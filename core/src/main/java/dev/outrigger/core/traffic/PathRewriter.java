package dev.outrigger.core.traffic;

import java.util.regex.Pattern;

/** Applies a {@link PathRewrite} to request targets, leaving the query as it is. */
public final class PathRewriter {

	private final Pattern pattern;

	private final String replacement;

	public PathRewriter(PathRewrite rewrite) {
		this.pattern = rewrite.pattern();
		this.replacement = rewrite.replacement();
	}

	/** Whether paths stay as they are. */
	public boolean isOff() {
		return this.pattern == null;
	}

	/**
	 * The rewritten request target.
	 * @param target path with an optional {@code ?query}
	 * @return the target with its path rewritten, or {@code target} itself when nothing matched
	 */
	public String rewrite(String target) {
		if (this.pattern == null) {
			return target;
		}
		int query = target.indexOf('?');
		String path = (query >= 0) ? target.substring(0, query) : target;
		String rewritten = this.pattern.matcher(path).replaceAll(this.replacement);
		if (rewritten.equals(path)) {
			return target;
		}
		return (query >= 0) ? rewritten + target.substring(query) : rewritten;
	}

}
