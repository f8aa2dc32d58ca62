package dev.outrigger.core.traffic;

import java.util.function.DoubleSupplier;

/**
 * Decides, request by request, which fault of a {@link FaultPolicy} applies: a delay and an
 * abort are drawn independently, so a request may be delayed and then failed.
 */
public final class FaultInjector {

	private final RequestMatcher when;

	private final double delayShare;

	private final double abortShare;

	private final Fault delayOnly;

	private final Fault abortOnly;

	private final Fault both;

	private final DoubleSupplier random;

	/**
	 * Compiles a fault policy.
	 * @param policy the policy
	 * @param random source of uniform draws in [0, 1)
	 */
	public FaultInjector(FaultPolicy policy, DoubleSupplier random) {
		this.when = (policy.when() != null) ? policy.when().matcher() : null;
		this.delayShare = policy.delay().percent() / 100;
		this.abortShare = policy.abort().percent() / 100;
		this.delayOnly = new Fault(policy.delay().duration(), 0);
		this.abortOnly = new Fault(null, policy.abort().status());
		this.both = new Fault(policy.delay().duration(), policy.abort().status());
		this.random = random;
	}

	/** Whether no request is ever affected. */
	public boolean isOff() {
		return this.delayShare == 0 && this.abortShare == 0;
	}

	/** The fault for this request, {@link Fault#NONE} for most. */
	public Fault decide(TrafficRequest request) {
		if (isOff() || (this.when != null && !this.when.matches(request))) {
			return Fault.NONE;
		}
		boolean delay = this.delayShare > 0 && this.random.getAsDouble() < this.delayShare;
		boolean abort = this.abortShare > 0 && this.random.getAsDouble() < this.abortShare;
		if (delay) {
			return abort ? this.both : this.delayOnly;
		}
		return abort ? this.abortOnly : Fault.NONE;
	}

}
