package dev.outrigger.core.traffic;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * A {@link TrafficPolicy} compiled for one destination: what a proxy consults per request.
 * Stateless apart from the draws, so it can be rebuilt whenever the policy changes; the rate
 * limit, which keeps state, is built separately with a {@link RateLimiter}.
 */
public final class TrafficRules {

	/** Uniform draws in [0, 1) from the calling thread's random generator. */
	public static final DoubleSupplier THREAD_LOCAL_RANDOM = () -> ThreadLocalRandom.current().nextDouble();

	/** Rules that change nothing. */
	public static final TrafficRules OFF = new TrafficRules("", TrafficPolicy.OFF, THREAD_LOCAL_RANDOM);

	private final TrafficPolicy policy;

	private final VersionSelector versions;

	private final FaultInjector faults;

	private final HeaderEditor requestHeaders;

	private final HeaderEditor responseHeaders;

	private final PathRewriter pathRewriter;

	private final double mirrorShare;

	private final DoubleSupplier random;

	private final boolean off;

	/**
	 * Compiles a policy.
	 * @param destination name of the destination, for the log
	 * @param policy the policy
	 * @param random source of uniform draws in [0, 1)
	 */
	public TrafficRules(String destination, TrafficPolicy policy, DoubleSupplier random) {
		this.policy = policy;
		this.versions = new VersionSelector(destination, policy.split(), policy.match(), random);
		this.faults = new FaultInjector(policy.fault(), random);
		this.requestHeaders = new HeaderEditor(policy.requestHeaders());
		this.responseHeaders = new HeaderEditor(policy.responseHeaders());
		this.pathRewriter = new PathRewriter(policy.rewritePath());
		this.mirrorShare = policy.mirror().isOff() ? 0 : policy.mirror().percent() / 100;
		this.random = random;
		this.off = this.versions.isOff() && this.faults.isOff() && this.requestHeaders.isOff()
				&& this.responseHeaders.isOff() && this.pathRewriter.isOff() && this.mirrorShare == 0;
	}

	/** Whether requests pass unchanged (the rate limit aside). */
	public boolean isOff() {
		return this.off;
	}

	/** The policy these rules were compiled from. */
	public TrafficPolicy policy() {
		return this.policy;
	}

	/** Version choice: match rules, then split. */
	public VersionSelector versions() {
		return this.versions;
	}

	/** Injected faults. */
	public FaultInjector faults() {
		return this.faults;
	}

	/** Changes to request headers. */
	public HeaderEditor requestHeaders() {
		return this.requestHeaders;
	}

	/** Changes to answer headers. */
	public HeaderEditor responseHeaders() {
		return this.responseHeaders;
	}

	/** Path rewrite. */
	public PathRewriter pathRewriter() {
		return this.pathRewriter;
	}

	/** The version to copy this request to, or {@code null} for no copy. */
	public String mirrorVersion() {
		if (this.mirrorShare == 0 || this.random.getAsDouble() >= this.mirrorShare) {
			return null;
		}
		return this.policy.mirror().version();
	}

	@Override
	public String toString() {
		return "TrafficRules" + this.policy;
	}

}
