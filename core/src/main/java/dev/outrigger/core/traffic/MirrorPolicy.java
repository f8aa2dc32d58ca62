package dev.outrigger.core.traffic;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Copies some requests to another version of the same destination; the copies' answers are
 * discarded and their failures never reach the caller.
 *
 * @param version the version that receives the copies; {@code null} for no mirroring
 * @param percent share of requests copied, 0-100
 */
public record MirrorPolicy(String version, @DefaultValue("100") double percent) {

	/** No mirroring. */
	public static final MirrorPolicy OFF = new MirrorPolicy(null, 100);

	public MirrorPolicy {
		FaultPolicy.checkPercent("mirror.percent", percent);
		if (version != null && version.isBlank()) {
			throw new IllegalArgumentException("mirror.version must not be blank");
		}
	}

	/** Whether no request is ever copied. */
	public boolean isOff() {
		return this.version == null || this.percent == 0;
	}

}
