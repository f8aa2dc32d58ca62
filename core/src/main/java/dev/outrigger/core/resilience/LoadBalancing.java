package dev.outrigger.core.resilience;

/** How a caller picks one instance of a service. */
public enum LoadBalancing {

	/**
	 * Of two instances picked at random, the one with the lower expected cost (peak-EWMA
	 * latency × requests in flight): slow and busy instances get less traffic.
	 */
	LEAST_LOADED,

	/** Each instance in turn. */
	ROUND_ROBIN

}
