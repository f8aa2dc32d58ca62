package dev.outrigger.core.traffic;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delays and failures injected on purpose, to see how callers cope (for staging).
 *
 * @param delay share of requests held back before they are forwarded
 * @param abort share of requests answered with an error instead of being forwarded
 * @param when only requests with this header are affected; {@code null} for all
 */
public record FaultPolicy(@DefaultValue Delay delay, @DefaultValue Abort abort, When when) {

	/** No fault. */
	public static final FaultPolicy OFF = new FaultPolicy(null, null, null);

	public FaultPolicy {
		delay = (delay != null) ? delay : new Delay(0, Duration.ZERO);
		abort = (abort != null) ? abort : new Abort(0, 503);
	}

	/** Whether no request is ever affected. */
	public boolean isOff() {
		return this.delay.percent() == 0 && this.abort.percent() == 0;
	}

	/**
	 * A delay before forwarding.
	 *
	 * @param percent share of requests delayed, 0-100
	 * @param duration how long they are held back
	 */
	public record Delay(@DefaultValue("0") double percent, @DefaultValue("0ms") Duration duration) {

		public Delay {
			checkPercent("fault.delay.percent", percent);
			if (duration.isNegative() || (percent > 0 && duration.isZero())) {
				throw new IllegalArgumentException(
						"fault.delay.duration must be positive when fault.delay.percent is set, got " + duration);
			}
		}

	}

	/**
	 * An error answer instead of the destination's.
	 *
	 * @param percent share of requests failed, 0-100
	 * @param status HTTP status of the answer, 400-599
	 */
	public record Abort(@DefaultValue("0") double percent, @DefaultValue("503") int status) {

		public Abort {
			checkPercent("fault.abort.percent", percent);
			if (status < 400 || status > 599) {
				throw new IllegalArgumentException("fault.abort.status must be 400-599, got " + status);
			}
		}

	}

	/**
	 * Limits the fault to requests with a header.
	 *
	 * @param header name of the header
	 * @param value exact value, or {@code null}
	 * @param regex regular expression the whole value must match, or {@code null}; neither
	 * value nor regex means the header only has to be present
	 */
	public record When(String header, String value, String regex) {

		public When {
			if (header == null || header.isBlank()) {
				throw new IllegalArgumentException("fault.when.header is required (faults match on a header only)");
			}
			RequestMatcher.of("fault.when", header, null, value, regex);
		}

		/** The compiled condition. */
		public RequestMatcher matcher() {
			return RequestMatcher.of("fault.when", this.header, null, this.value, this.regex);
		}

	}

	static void checkPercent(String key, double percent) {
		if (!(percent >= 0 && percent <= 100)) {
			throw new IllegalArgumentException(key + " must be 0-100, got " + percent);
		}
	}

}
