package dev.outrigger.gateway.proxy;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import dev.outrigger.core.http.HopByHopHeaders;

/**
 * Leaves out of forwarded requests and answers the headers that belong to one connection:
 * the mesh's one hop-by-hop list, which the sidecars use too, and the names {@code Connection}
 * lists. Runs before Spring Cloud Gateway's own hop-by-hop filter, which drops
 * {@code Connection} itself.
 */
public final class EdgeHopByHopHeadersFilter implements HttpHeadersFilter, Ordered {

	/** Just before Spring Cloud Gateway's {@code RemoveHopByHopHeadersFilter}. */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 2;

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		HopByHopHeaders hopByHop = HopByHopHeaders.of(input.getValuesAsList(HttpHeaders.CONNECTION));
		HttpHeaders forwarded = new HttpHeaders();
		input.forEach((name, values) -> {
			if (!hopByHop.contains(name)) {
				forwarded.addAll(name, values);
			}
		});
		return forwarded;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.REQUEST || type == Type.RESPONSE;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public String toString() {
		return "EdgeHopByHopHeaders[drops " + HopByHopHeaders.NAMES + " and the names Connection lists]";
	}

}
