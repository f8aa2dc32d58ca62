package dev.outrigger.sidecar.outbound;

import java.time.Duration;
import java.util.List;
import java.util.Set;
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
import dev.outrigger.core.resilience.InstanceHealth;
import dev.outrigger.core.resilience.InstancePool;
import dev.outrigger.core.resilience.LoadBalancing;
import dev.outrigger.core.resilience.RetryRules;
import dev.outrigger.core.resilience.RetryRules.Reach;
import dev.outrigger.core.traffic.TrafficRules;
import dev.outrigger.sidecar.config.LiveSettings;
import dev.outrigger.sidecar.proxy.Answer;
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

	// No retry is started with less time than this left before the deadline.
	private static final Duration RETRY_MARGIN = Duration.ofMillis(5);

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
		destination.budget().recordRequest();
		this.inflight.begin();
		Span span = this.spans.start(in, Span.Kind.CLIENT, "outbound " + in.method().name() + " " + service);
		span.remoteServiceName(service);
		OutboundCall call = new OutboundCall(in, out, target, destination, span, this.settings.get().service(),
				version, rules);
		long start = System.nanoTime();
		Mono<Publisher<? extends ByteBuf>> body = call.body();
		if (!rules.policy().mirror().isOff()) {
			body = body.doOnNext((kept) -> this.mirror.copy(call));
		}
		return body.flatMap((first) -> attempt(call, first, 0))
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
				if (call.retries > 0) {
					span.tag("outrigger.retries", Integer.toString(call.retries));
				}
				this.spans.finish(span, out, null);
				this.inflight.end();
			});
	}

	private Mono<Void> attempt(OutboundCall call, Publisher<? extends ByteBuf> body, int retry) {
		Destination destination = call.destination;
		List<Endpoint> endpoints = this.directory.endpoints(destination.service(), call.version);
		String zone = this.settings.get().zone();
		LoadBalancing strategy = destination.policy().loadBalancing();
		InstancePool pool = destination.pool(call.version);
		Endpoint untried = pool.choose(endpoints, call.tried, zone, strategy);
		// Once every instance was tried, a retry goes to one of them again.
		Endpoint endpoint = (untried != null || call.tried.isEmpty()) ? untried
				: pool.choose(endpoints, Set.of(), zone, strategy);
		if (endpoint == null) {
			// No instance left counts as a failure of the destination: with every instance
			// down the breaker opens, and closes on the first probes once one is back.
			return answer(call, call.noInstance());
		}
		call.tried.add(endpoint.id());
		call.span.remoteIpAndPort(endpoint.host(), endpoint.port());
		InstanceHealth.Attempt tracked = pool.health(endpoint).attempt();
		String uri = "http://" + endpoint.address() + call.path;
		BiPredicate<Integer, HttpHeaders> dropForRetry = (status, headers) -> retryInstead(call, retry, status, headers);
		return this.forwarder.attempt(call.in, call.out, uri, call.deadline.remaining(), (headers) -> {
			call.editRequestHeaders(headers);
			headers.set(HttpHeaderNames.HOST, destination.service());
			headers.set(CALLER_HEADER, call.caller);
			headers.set(Deadline.HEADER, call.deadline.headerValue());
			this.spans.inject(call.span, headers);
		}, call.replay(body), dropForRetry, call.answerHeaders).flatMap((answer) -> {
			boolean appDown = "app_unavailable".equals(answer.meshError());
			if (answer.status() >= 500) {
				pool.failed(tracked, endpoint, endpoints, appDown, destination.policy().outlier());
			}
			else {
				tracked.succeeded();
			}
			if (answer.sent()) {
				call.answered = true;
				return Mono.<Void>empty();
			}
			call.retries++;
			return backoff(call, retry).then(Mono.defer(() -> attempt(call, null, retry + 1)));
		}).onErrorResume((failure) -> {
			if (call.out.hasSentHeaders()) {
				tracked.abandoned();
				return Mono.error(failure);
			}
			boolean notSent = UpstreamFailures.isConnectFailure(failure);
			pool.failed(tracked, endpoint, endpoints, notSent, destination.policy().outlier());
			call.span.event("attempt failed: " + failure.getClass().getSimpleName());
			MeshError error = UpstreamFailures.forService(destination.service(), failure,
					destination.policy().timeout());
			call.lastError = error;
			if (!mayRetry(call, retry, notSent ? Reach.NOT_SENT : Reach.MAYBE_PROCESSED)) {
				return answer(call, error);
			}
			if (!destination.budget().tryAcquireRetry()) {
				return answer(call, MeshError.retryBudgetExhausted(destination.service(), error.message()));
			}
			call.retries++;
			return backoff(call, retry).then(Mono.defer(() -> attempt(call, null, retry + 1)));
		}).doOnCancel(tracked::abandoned);
	}

	private boolean retryInstead(OutboundCall call, int retry, int status, HttpHeaders headers) {
		if (!RetryRules.isRetryableStatus(status)) {
			return false;
		}
		// The inbound sidecar answers app_unavailable when it could not connect to its app.
		Reach reach = "app_unavailable".equals(headers.get(MeshError.HEADER)) ? Reach.NOT_SENT
				: Reach.MAYBE_PROCESSED;
		return mayRetry(call, retry, reach) && call.destination.budget().tryAcquireRetry();
	}

	private boolean mayRetry(OutboundCall call, int retry, Reach reach) {
		return call.body != null && retry < call.destination.policy().retries().attempts()
				&& !call.deadline.isExpired(RETRY_MARGIN)
				&& RetryRules.mayRetry(call.in.method().name(), call.hasIdempotencyKey, reach);
	}

	private Mono<Void> backoff(OutboundCall call, int retry) {
		Duration delay = call.destination.policy().retries().toBackoff().delay(retry + 1, call.deadline, RETRY_MARGIN);
		return delay.isZero() ? Mono.empty() : Mono.delay(delay).then();
	}

	private Mono<Void> answer(OutboundCall call, MeshError error) {
		call.answered = true;
		return ErrorResponses.send(call.out, error);
	}

}
