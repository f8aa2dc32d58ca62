package dev.outrigger.configserver.validation;

/**
 * One thing wrong with a config repo revision.
 *
 * @param file the file, e.g. {@code gateway.yml}
 * @param line the 1-based line, or 0 when the problem is about the file as a whole
 * @param severity whether it refuses the revision
 * @param message what is wrong and what would be right
 */
public record Problem(String file, int line, Severity severity, String message) {

	/** How bad a problem is. */
	public enum Severity {

		/** The revision is refused. */
		ERROR,

		/** Worth a look; the revision is applied anyway. */
		WARNING

	}

	static Problem error(String file, int line, String message) {
		return new Problem(file, line, Severity.ERROR, message);
	}

	static Problem warning(String file, int line, String message) {
		return new Problem(file, line, Severity.WARNING, message);
	}

	public boolean isError() {
		return this.severity == Severity.ERROR;
	}

	/** {@code gateway.yml:12: error: ...}, the form compilers use. */
	@Override
	public String toString() {
		return this.file + ((this.line > 0) ? ":" + this.line : "") + ": "
				+ this.severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + this.message;
	}

}
