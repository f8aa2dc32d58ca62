package dev.outrigger.core.resilience;

/**
 * One instance of a service as a caller sees it.
 *
 * @param id the registry's instance id, stable across the instance's life
 * @param host address to connect to
 * @param port port to connect to
 * @param zone zone from the instance's metadata, or {@code null}
 * @param version version from the instance's metadata, or {@code null}
 */
public record Endpoint(String id, String host, int port, String zone, String version) {

	/** An instance whose version is not known. */
	public Endpoint(String id, String host, int port, String zone) {
		this(id, host, port, zone, null);
	}

	/** {@code host:port}. */
	public String address() {
		return this.host + ":" + this.port;
	}

}
