package dev.outrigger.sidecar.inbound;

import java.time.Duration;
import java.util.function.BiFunction;

import io.micrometer.tracing.Span;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import dev.outrigger.core.resilience.Deadline;
import dev.outrigger.core.traffic.RateLimitPolicy;
import dev.outrigger.sidecar.config.LiveSettings;
import dev.outrigger.core.policy.SidecarProperties;
import dev.outrigger.sidecar.outbound.OutboundHandler;
import dev.outrigger.sidecar.outbound.OutboundTarget;
import dev.outrigger.sidecar.proxy.ErrorResponses;
import dev.outrigger.sidecar.proxy.Forwarder;
import dev.outrigger.sidecar.proxy.InflightRequests;
import dev.outrigger.sidecar.proxy.MeshSpans;
import dev.outrigger.sidecar.proxy.RateLimits;
import dev.outrigger.sidecar.proxy.UpstreamFailures;

/**
 * Forwards a call that arrived from the mesh to the app on loopback, inside a server span,
 * unless the caller is over the inbound rate limit (429 with {@code Retry-After}).
 */
public final class InboundHandler implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	private final LiveSettings settings;

	private final Forwarder forwarder;

	private final MeshSpans spans;

	private final InflightRequests inflight;

	private final RateLimits rateLimits = new RateLimits();

	public InboundHandler(LiveSettings settings, Forwarder forwarder, MeshSpans spans, InflightRequests inflight) {
		this.settings = settings;
		this.forwarder = forwarder;
		this.spans = spans;
		this.inflight = inflight;
	}

	@Override
	public Publisher<Void> apply(HttpServerRequest in, HttpServerResponse out) {
		SidecarProperties current = this.settings.get();
		RateLimitPolicy limit = current.inbound().rateLimit();
		if (!limit.isOff()) {
			long retryAfter = this.rateLimits.acquire("inbound", limit,
					in.requestHeaders().get(OutboundHandler.CALLER_HEADER));
			if (retryAfter > 0) {
				return ErrorResponses.rateLimited(out, current.service(), retryAfter);
			}
		}
		// The caller's remaining deadline, if it sent one, shortens the wait for the app.
		Duration timeout = current.inbound().responseTimeout();
		Duration callerLeft = Deadline.parse(in.requestHeaders().get(Deadline.HEADER));
		if (callerLeft != null && callerLeft.compareTo(timeout) < 0) {
			timeout = callerLeft.isZero() ? Duration.ofMillis(1) : callerLeft;
		}
		String uri = "http://" + current.appHost() + ":" + current.appPort() + OutboundTarget.originForm(in.uri());
		this.inflight.begin();
		Span span = this.spans.start(in, Span.Kind.SERVER, "inbound " + in.method().name());
		Duration appTimeout = timeout;
		return this.forwarder.forward(in, out, uri, timeout, (headers) -> this.spans.inject(span, headers))
			.onErrorResume((failure) -> {
				span.error(failure);
				return ErrorResponses.send(out, UpstreamFailures.forApp(current.service(), failure, appTimeout));
			})
			.doFinally((signal) -> {
				this.spans.finish(span, out, null);
				this.inflight.end();
			});
	}

}
