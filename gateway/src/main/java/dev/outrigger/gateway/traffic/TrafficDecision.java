package dev.outrigger.gateway.traffic;

import org.springframework.web.server.ServerWebExchange;

/**
 * What the traffic policy decided for one request, for the filter that picks its instance.
 *
 * @param version the only version the request may go to, or {@code null} for any
 * @param mirrorVersion the version that gets a copy of the request, or {@code null} for none
 */
public record TrafficDecision(String version, String mirrorVersion) {

	private static final String ATTRIBUTE = TrafficDecision.class.getName();

	private static final TrafficDecision NONE = new TrafficDecision(null, null);

	/** The decision made for {@code exchange}; one that restricts nothing if none was made. */
	public static TrafficDecision of(ServerWebExchange exchange) {
		TrafficDecision decision = exchange.getAttribute(ATTRIBUTE);
		return (decision != null) ? decision : NONE;
	}

	void storeIn(ServerWebExchange exchange) {
		if (this.version != null || this.mirrorVersion != null) {
			exchange.getAttributes().put(ATTRIBUTE, this);
		}
	}

}
