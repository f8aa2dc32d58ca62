package dev.outrigger.demo.orders.outbound;

import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * The trace context, request id and mesh deadline of an inbound request, to be copied onto
 * every outbound call it causes: so that the sidecars can stitch one trace, as Istio asks of
 * applications, and hold the calls it causes to what is left of the caller's deadline.
 */
public final class TraceHeaders {

	/** Request header in which the sidecars carry the time left of a call's deadline. */
	public static final String DEADLINE = "x-outrigger-deadline-ms";

	/**
	 * The headers copied: W3C Trace Context, Zipkin B3 (single and multi), Envoy's request id
	 * and the mesh deadline.
	 */
	public static final List<String> NAMES = List.of("traceparent", "tracestate", "b3", "x-b3-traceid",
			"x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags", "x-request-id", DEADLINE);

	private static final TraceHeaders NONE = new TraceHeaders(new HttpHeaders());

	private final HttpHeaders headers;

	private TraceHeaders(HttpHeaders headers) {
		this.headers = headers;
	}

	/** Picks the trace headers out of an inbound request's headers. */
	public static TraceHeaders from(HttpHeaders inbound) {
		HttpHeaders picked = new HttpHeaders();
		for (String name : NAMES) {
			List<String> values = inbound.get(name);
			if (values != null && !values.isEmpty()) {
				picked.put(name, List.copyOf(values));
			}
		}
		return new TraceHeaders(picked);
	}

	/** Returns trace headers that add nothing, for work no request caused. */
	public static TraceHeaders none() {
		return NONE;
	}

	/** Sets these trace headers on an outbound request, replacing any with the same name. */
	public void applyTo(HttpHeaders outbound) {
		this.headers.forEach(outbound::put);
	}

	@Override
	public String toString() {
		return "TraceHeaders " + this.headers;
	}

}
