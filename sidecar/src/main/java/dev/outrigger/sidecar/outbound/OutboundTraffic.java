package dev.outrigger.sidecar.outbound;

import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import dev.outrigger.core.error.MeshError;
import dev.outrigger.core.traffic.Fault;
import dev.outrigger.core.traffic.RateLimitPolicy;
import dev.outrigger.core.traffic.TrafficRequest;
import dev.outrigger.core.traffic.TrafficRules;
import dev.outrigger.sidecar.proxy.ErrorResponses;
import dev.outrigger.sidecar.proxy.RateLimits;

/**
 * The steps of a destination's traffic policy that come before a call: the rate limit (one
 * bucket for the destination, as every call comes from the same caller), the injected fault
 * (a delay on a timer, never on the event loop, and an abort answered as JSON) and the choice
 * of version. These come before the circuit breaker and the instances' health, so that
 * refused and injected failures never open a breaker or eject an instance.
 */
final class OutboundTraffic {

	private final ServiceDirectory directory;

	private final RateLimits rateLimits = new RateLimits();

	OutboundTraffic(ServiceDirectory directory) {
		this.directory = directory;
	}

	/** Whether a destination's rules need {@link #route} (rather than a plain call). */
	static boolean applies(TrafficRules rules) {
		return !rules.isOff() || !rules.policy().rateLimit().isOff();
	}

	/**
	 * Applies the rate limit and the fault, if any, then makes the call to the chosen version.
	 * @param call makes the call to a version ({@code null} for any)
	 */
	Publisher<Void> route(HttpServerRequest in, HttpServerResponse out, String service, TrafficRules rules,
			Function<String, Publisher<Void>> call) {
		RateLimitPolicy limit = rules.policy().rateLimit();
		if (!limit.isOff()) {
			long retryAfter = this.rateLimits.acquire(service, limit, null);
			if (retryAfter > 0) {
				return ErrorResponses.rateLimited(out, service, retryAfter);
			}
		}
		TrafficRequest request = new OutboundRequest(in.requestHeaders());
		Fault fault = rules.faults().decide(request);
		if (fault.aborts()) {
			Mono<Void> abort = Mono
				.defer(() -> ErrorResponses.send(out, MeshError.faultInjected(service, fault.abortStatus())));
			return fault.delays() ? Mono.delay(fault.delay()).then(abort) : abort;
		}
		String version = rules.versions().select(request, (candidate) -> this.directory.hasVersion(service, candidate));
		if (fault.delays()) {
			return Mono.delay(fault.delay()).then(Mono.defer(() -> Mono.from(call.apply(version))));
		}
		return call.apply(version);
	}

}
