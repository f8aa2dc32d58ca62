package dev.outrigger.gateway.error;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.server.ServerWebExchange;

import dev.outrigger.core.error.MeshError;
import dev.outrigger.core.error.MeshErrorException;

/** A request the edge refuses on purpose before sending it anywhere. */
public final class EdgeRefusal {

	private EdgeRefusal() {
	}

	/**
	 * Fails the request with {@code error}, answered by the edge's error handler, once its body
	 * has been read and dropped: Reactor Netty holds the next request of a keep-alive connection
	 * until the current one's body has been consumed, so a refusal that skipped it left the
	 * client's next request waiting until the client gave up.
	 */
	public static Mono<Void> refuse(ServerWebExchange exchange, MeshError error) {
		return exchange.getRequest()
			.getBody()
			.doOnNext(DataBufferUtils::release)
			.then(Mono.error(() -> new MeshErrorException(error)));
	}

}
