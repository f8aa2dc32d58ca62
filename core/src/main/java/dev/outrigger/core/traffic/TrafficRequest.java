package dev.outrigger.core.traffic;

/** What the traffic rules may look at in a request, whatever server carries it. */
public interface TrafficRequest {

	/** The first value of a request header, or {@code null}. */
	String header(String name);

	/** The value of a cookie of the request, or {@code null}. */
	String cookie(String name);

}
