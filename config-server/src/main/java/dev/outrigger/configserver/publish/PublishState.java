package dev.outrigger.configserver.publish;

import java.time.Instant;
import java.util.List;

import dev.outrigger.configserver.validation.Problem;

/**
 * What the config server serves and what it refused.
 *
 * @param source what the config repo is, e.g. {@code git file:///srv/config (main)}
 * @param revision the revision served to every member, or {@code null} before the first
 * @param appliedAt when it became the one served
 * @param warnings what the validator noted about it without refusing it
 * @param refused the newest revision refused since, or {@code null}
 * @param sourceError why the repo could not be read at the last try, or {@code null}
 */
public record PublishState(String source, String revision, Instant appliedAt, List<Problem> warnings,
		Refusal refused, String sourceError) {

	/**
	 * A revision that was not applied.
	 *
	 * @param revision its id
	 * @param at when it was refused
	 * @param problems why: the errors first, then the warnings
	 */
	public record Refusal(String revision, Instant at, List<Problem> problems) {

		/** The problems as {@code file:line: error: reason} lines. */
		public List<String> lines() {
			return this.problems.stream().map(Problem::toString).toList();
		}

	}

	PublishState applied(String id, List<Problem> newWarnings) {
		return new PublishState(this.source, id, Instant.now(), newWarnings, null, null);
	}

	PublishState refusing(String id, List<Problem> problems) {
		return new PublishState(this.source, this.revision, this.appliedAt, this.warnings,
				new Refusal(id, Instant.now(), problems), null);
	}

	PublishState unreadable(String error) {
		return new PublishState(this.source, this.revision, this.appliedAt, this.warnings, this.refused, error);
	}

}
