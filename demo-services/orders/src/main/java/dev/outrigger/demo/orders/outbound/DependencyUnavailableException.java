package dev.outrigger.demo.orders.outbound;

/**
 * Thrown when a dependency cannot be reached, times out or answers with a server error.
 */
public class DependencyUnavailableException extends RuntimeException {

	private final String service;

	DependencyUnavailableException(String service, String reason) {
		super(service + " is unavailable: " + reason);
		this.service = service;
	}

	/** Returns the name of the dependency that failed, e.g. {@code catalog}. */
	public String getService() {
		return this.service;
	}

}
