package dev.outrigger.sidecar.outbound;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;

import io.micrometer.tracing.Span;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.cloud.client.ServiceInstance;

import dev.outrigger.core.error.MeshError;
import dev.outrigger.sidecar.config.LiveSettings;
import dev.outrigger.sidecar.config.SidecarProperties;
import dev.outrigger.sidecar.proxy.ErrorResponses;
import dev.outrigger.sidecar.proxy.Forwarder;
import dev.outrigger.sidecar.proxy.InflightRequests;
import dev.outrigger.sidecar.proxy.MeshSpans;
import dev.outrigger.sidecar.proxy.UpstreamFailures;

/**
 * Forwards a call from the local app to an instance of the destination service, chosen
 * through the registry, inside a client span.
 */
public final class OutboundHandler implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	/** Request header that names the calling service to the destination. */
	public static final String CALLER_HEADER = "x-outrigger-caller";

	private final LiveSettings settings;

	private final InstanceChooser chooser;

	private final Forwarder forwarder;

	private final MeshSpans spans;

	private final InflightRequests inflight;

	public OutboundHandler(LiveSettings settings, InstanceChooser chooser, Forwarder forwarder, MeshSpans spans,
			InflightRequests inflight) {
		this.settings = settings;
		this.chooser = chooser;
		this.forwarder = forwarder;
		this.spans = spans;
		this.inflight = inflight;
	}

	@Override
	public Publisher<Void> apply(HttpServerRequest in, HttpServerResponse out) {
		OutboundTarget target;
		try {
			target = OutboundTarget.parse(in.uri());
		}
		catch (IllegalArgumentException ex) {
			return ErrorResponses.send(out, MeshError.badRequest(ex.getMessage()));
		}
		this.inflight.begin();
		Span span = this.spans.start(in, Span.Kind.CLIENT, "outbound " + in.method().name() + " " + target.service());
		span.remoteServiceName(target.service());
		return this.chooser.choose(target.service())
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((instance) -> instance.isPresent() ? forward(in, out, target, instance.get(), span)
					: ErrorResponses.send(out, this.chooser.noInstance(target.service())))
			.doFinally((signal) -> {
				this.spans.finish(span, out, null);
				this.inflight.end();
			});
	}

	private Mono<Void> forward(HttpServerRequest in, HttpServerResponse out, OutboundTarget target,
			ServiceInstance instance, Span span) {
		SidecarProperties current = this.settings.get();
		Duration timeout = current.outbound().responseTimeout();
		String uri = "http://" + instance.getHost() + ":" + instance.getPort() + target.path();
		span.remoteIpAndPort(instance.getHost(), instance.getPort());
		return this.forwarder.forward(in, out, uri, timeout, (headers) -> {
			headers.set(HttpHeaderNames.HOST, target.service());
			headers.set(CALLER_HEADER, current.service());
			this.spans.inject(span, headers);
		}).onErrorResume((failure) -> {
			span.error(failure);
			return ErrorResponses.send(out, UpstreamFailures.forService(target.service(), failure, timeout));
		});
	}

}
