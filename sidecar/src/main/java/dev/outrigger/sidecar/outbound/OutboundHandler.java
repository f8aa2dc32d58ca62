package dev.outrigger.sidecar.outbound;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.tracing.Span;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import dev.outrigger.core.error.MeshError;
import dev.outrigger.core.resilience.Deadline;
import dev.outrigger.core.resilience.Endpoint;
import dev.outrigger.core.resilience.RetryRules;
import dev.outrigger.core.resilience.RetryingCall;
import dev.outrigger.core.resilience.RetryingCall.Attempt;
import dev.outrigger.core.resilience.RetryingCall.Verdict;
import dev.outrigger.core.policy.SidecarProperties;
import dev.outrigger.core.traffic.TrafficRules;
import dev.outrigger.sidecar.config.LiveSettings;
import dev.outrigger.sidecar.proxy.ErrorResponses;
import dev.outrigger.sidecar.proxy.Forwarder;
import dev.outrigger.sidecar.proxy.InflightRequests;
import dev.outrigger.sidecar.proxy.MeshSpans;
import dev.outrigger.sidecar.proxy.UpstreamFailures;

/**
 * Forwards a call from the local app to an instance of the destination service, inside a
 * client span, under the destination's policy: traffic rules (fault, version, mirror, header
 * and path rewrites), concurrency limit, circuit breaker, one deadline, retries on other
 * instances of the chosen version within the retry budget, and outlier ejection.
 */
public final class OutboundHandler implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	/** Request header that names the calling service to the destination. */
	public static final String CALLER_HEADER = "x-outrigger-caller";

	private static final Exception FAILED_CALL = new Exception("call failed", null, false, false) {
	};

	private final LiveSettings settings;

	private final ServiceDirectory directory;

	private final Destinations destinations;

	private final Forwarder forwarder;

	private final MeshSpans spans;

	private final InflightRequests inflight;

	private final OutboundTraffic traffic;

	private final OutboundMirror mirror;

	public OutboundHandler(LiveSettings settings, ServiceDirectory directory, Forwarder forwarder, MeshSpans spans,
			InflightRequests inflight) {
		this.settings = settings;
		this.directory = directory;
		this.destinations = new Destinations(settings);
		this.forwarder = forwarder;
		this.spans = spans;
		this.inflight = inflight;
		this.traffic = new OutboundTraffic(directory);
		this.mirror = new OutboundMirror(directory, forwarder);
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
		String service = target.service();
		if (this.directory.endpoints(service).isEmpty() && !this.directory.isRegistered(service)) {
			return ErrorResponses.send(out, MeshError.unknownService(service));
		}
		TrafficRules rules = this.settings.traffic(service);
		if (!OutboundTraffic.applies(rules)) {
			return call(in, out, target, null, rules);
		}
		return this.traffic.route(in, out, service, rules, (version) -> call(in, out, target, version, rules));
	}

	private Publisher<Void> call(HttpServerRequest in, HttpServerResponse out, OutboundTarget target, String version,
			TrafficRules rules) {
		String service = target.service();
		Destination destination = this.destinations.get(service);
		if (!destination.tryAcquire()) {
			return ErrorResponses.send(out,
					MeshError.concurrencyLimit(service, destination.policy().concurrencyLimit()));
		}
		CircuitBreaker breaker = destination.breaker();
		if (breaker != null && !breaker.tryAcquirePermission()) {
			destination.release();
			return ErrorResponses.send(out, MeshError.circuitOpen(service));
		}
		this.inflight.begin();
		Span span = this.spans.start(in, Span.Kind.CLIENT, "outbound " + in.method().name() + " " + service);
		span.remoteServiceName(service);
		OutboundCall call = new OutboundCall(in, out, target, destination, span,
				retrying(in, destination, version), this.settings.get().service(), version, rules);
		long start = System.nanoTime();
		Mono<Publisher<? extends ByteBuf>> body = call.body();
		if (!rules.policy().mirror().isOff()) {
			body = body.doOnNext((kept) -> this.mirror.copy(call));
		}
		return body.flatMap((first) -> attempt(call, first))
			.doOnError((failure) -> call.failed = true)
			.doFinally((signal) -> {
				if (breaker != null) {
					long took = System.nanoTime() - start;
					if (call.failed || out.status().code() >= 500) {
						breaker.onError(took, TimeUnit.NANOSECONDS, FAILED_CALL);
					}
					else if (call.answered) {
						breaker.onSuccess(took, TimeUnit.NANOSECONDS);
					}
					else {
						breaker.releasePermission();
					}
				}
				destination.release();
				if (call.retrying.retries() > 0) {
					span.tag("outrigger.retries", Integer.toString(call.retrying.retries()));
				}
				this.spans.finish(span, out, null);
				this.inflight.end();
			});
	}

	private RetryingCall retrying(HttpServerRequest in, Destination destination, String version) {
		SidecarProperties.Outbound policy = destination.policy();
		String service = destination.service();
		RetryingCall.Instances instances = new RetryingCall.Instances(service, destination.pool(version),
				() -> this.directory.endpoints(service, version), this.settings.get().zone(), policy.loadBalancing(),
				policy.outlier());
		Deadline deadline = Deadline.of(policy.timeout(), in.requestHeaders().get(Deadline.HEADER));
		return new RetryingCall(policy.retries(), destination.budget(), deadline, instances, in.method().name(),
				in.requestHeaders().contains(RetryRules.IDEMPOTENCY_KEY));
	}

	private Mono<Void> attempt(OutboundCall call, Publisher<? extends ByteBuf> body) {
		Attempt attempt = call.retrying.next();
		if (attempt == null) {
			// No instance left counts as a failure of the destination: with every instance
			// down the breaker opens, and closes on the first probes once one is back.
			return answer(call, call.noInstance());
		}
		Endpoint endpoint = attempt.endpoint();
		call.span.remoteIpAndPort(endpoint.host(), endpoint.port());
		String uri = "http://" + endpoint.address() + call.path;
		Deadline deadline = call.retrying.deadline();
		// An answer is judged before it is passed on, so that one worth retrying is dropped instead.
		BiPredicate<Integer, HttpHeaders> dropForRetry = (status, headers) -> attempt.answered(status,
				headers.get(MeshError.HEADER), call.out.hasSentHeaders()) == Verdict.RETRY;
		return this.forwarder.attempt(call.in, call.out, uri, deadline.remaining(), (headers) -> {
			call.editRequestHeaders(headers);
			headers.set(HttpHeaderNames.HOST, call.destination.service());
			headers.set(CALLER_HEADER, call.caller);
			headers.set(Deadline.HEADER, deadline.headerValue());
			this.spans.inject(call.span, headers);
		}, call.replay(body), dropForRetry, call.answerHeaders).map((answer) -> {
			call.answered = answer.sent();
			return answer.sent() ? Verdict.STOP : Verdict.RETRY;
		})
			.onErrorResume((failure) -> failed(call, attempt, failure))
			.doOnCancel(attempt::abandoned)
			.flatMap((verdict) -> (verdict == Verdict.RETRY) ? retry(call) : Mono.empty());
	}

	private Mono<Verdict> failed(OutboundCall call, Attempt attempt, Throwable failure) {
		boolean committed = call.out.hasSentHeaders();
		Verdict verdict = attempt.failed(failure, committed);
		if (committed) {
			return Mono.error(failure);
		}
		call.span.event("attempt failed: " + failure.getClass().getSimpleName());
		Destination destination = call.destination;
		MeshError error = UpstreamFailures.forService(destination.service(), failure, destination.policy().timeout());
		call.lastError = error;
		return switch (verdict) {
			case RETRY -> Mono.just(verdict);
			case BUDGET_EXHAUSTED -> answer(call, call.retrying.budgetExhausted(error.message())).then(Mono.empty());
			case STOP -> answer(call, error).then(Mono.empty());
		};
	}

	private Mono<Void> retry(OutboundCall call) {
		Duration delay = call.retrying.backoff();
		Mono<Void> backoff = delay.isZero() ? Mono.empty() : Mono.delay(delay).then();
		return backoff.then(Mono.defer(() -> attempt(call, null)));
	}

	private Mono<Void> answer(OutboundCall call, MeshError error) {
		call.answered = true;
		return ErrorResponses.send(call.out, error);
	}

}
