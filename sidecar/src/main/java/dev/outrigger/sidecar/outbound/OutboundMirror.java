package dev.outrigger.sidecar.outbound;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.outrigger.core.resilience.Endpoint;
import dev.outrigger.sidecar.proxy.Forwarder;

/**
 * Sends fire-and-forget copies of calls to an instance of the mirror version. A copy never
 * holds up nor changes the call it copies: its answer is dropped, its failure only logged at
 * DEBUG, and when too many copies are in flight new ones are dropped.
 */
final class OutboundMirror {

	/** Most copies in flight at once; more are dropped. */
	static final int MAX_IN_FLIGHT = 64;

	private static final Log logger = LogFactory.getLog(OutboundMirror.class);

	private final ServiceDirectory directory;

	private final Forwarder forwarder;

	private final AtomicInteger inflight = new AtomicInteger();

	private final AtomicInteger next = new AtomicInteger();

	OutboundMirror(ServiceDirectory directory, Forwarder forwarder) {
		this.directory = directory;
		this.forwarder = forwarder;
	}

	/**
	 * Copies the call to the version its policy mirrors to, if the draw says so, the body was
	 * kept in memory and an instance of that version is up.
	 */
	void copy(OutboundCall call) {
		String version = call.traffic.mirrorVersion();
		if (version == null || call.body == null) {
			return;
		}
		String service = call.destination.service();
		List<Endpoint> endpoints = this.directory.endpoints(service, version);
		if (endpoints.isEmpty()) {
			return;
		}
		if (this.inflight.incrementAndGet() > MAX_IN_FLIGHT) {
			this.inflight.decrementAndGet();
			logger.debug("Mirror copy to " + service + " " + version + " dropped: too many in flight");
			return;
		}
		Endpoint endpoint = endpoints.get(Math.floorMod(this.next.getAndIncrement(), endpoints.size()));
		Duration timeout = call.destination.policy().timeout();
		this.forwarder.sendCopy(call.in, "http://" + endpoint.address() + call.path, timeout, (headers) -> {
			call.editRequestHeaders(headers);
			headers.set(HttpHeaderNames.HOST, service);
			headers.set(OutboundHandler.CALLER_HEADER, call.caller);
		}, call.body)
			.timeout(timeout)
			.doFinally((signal) -> this.inflight.decrementAndGet())
			.subscribe(null, (failure) -> logger.debug("Mirror copy to " + endpoint.address() + " failed", failure));
	}

}
