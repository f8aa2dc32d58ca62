package dev.outrigger.sidecar.outbound;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.tracing.Span;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import dev.outrigger.core.error.MeshError;
import dev.outrigger.core.resilience.Deadline;
import dev.outrigger.core.resilience.Endpoint;
import dev.outrigger.core.resilience.InstanceHealth;
import dev.outrigger.core.resilience.LoadBalancing;
import dev.outrigger.core.resilience.RetryRules;
import dev.outrigger.core.resilience.RetryRules.Reach;
import dev.outrigger.sidecar.config.LiveSettings;
import dev.outrigger.sidecar.config.SidecarProperties;
import dev.outrigger.sidecar.proxy.Answer;
import dev.outrigger.sidecar.proxy.ErrorResponses;
import dev.outrigger.sidecar.proxy.Forwarder;
import dev.outrigger.sidecar.proxy.InflightRequests;
import dev.outrigger.sidecar.proxy.MeshSpans;
import dev.outrigger.sidecar.proxy.UpstreamFailures;

/**
 * Forwards a call from the local app to an instance of the destination service, inside a
 * client span, under the destination's policy: concurrency limit, circuit breaker, one
 * deadline, retries on other instances within the retry budget, and outlier ejection.
 */
public final class OutboundHandler implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	/** Request header that names the calling service to the destination. */
	public static final String CALLER_HEADER = "x-outrigger-caller";

	// No retry is started with less time than this left before the deadline.
	private static final Duration RETRY_MARGIN = Duration.ofMillis(5);

	private static final byte[] NO_BODY = new byte[0];

	private static final Exception FAILED_CALL = new Exception("call failed", null, false, false) {
	};

	private final LiveSettings settings;

	private final ServiceDirectory directory;

	private final Destinations destinations;

	private final Forwarder forwarder;

	private final MeshSpans spans;

	private final InflightRequests inflight;

	public OutboundHandler(LiveSettings settings, ServiceDirectory directory, Forwarder forwarder, MeshSpans spans,
			InflightRequests inflight) {
		this.settings = settings;
		this.directory = directory;
		this.destinations = new Destinations(settings);
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
		String service = target.service();
		if (this.directory.endpoints(service).isEmpty() && !this.directory.isRegistered(service)) {
			return ErrorResponses.send(out, MeshError.unknownService(service));
		}
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
		Call call = new Call(in, out, target, destination, span);
		long start = System.nanoTime();
		return call.body()
			.flatMap((body) -> attempt(call, body, 0))
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

	private Mono<Void> attempt(Call call, Publisher<? extends ByteBuf> body, int retry) {
		Destination destination = call.destination;
		List<Endpoint> endpoints = this.directory.endpoints(destination.service());
		String zone = this.settings.get().zone();
		LoadBalancing strategy = destination.policy().loadBalancing();
		Endpoint untried = destination.pool().choose(endpoints, call.tried, zone, strategy);
		// Once every instance was tried, a retry goes to one of them again.
		Endpoint endpoint = (untried != null || call.tried.isEmpty()) ? untried
				: destination.pool().choose(endpoints, Set.of(), zone, strategy);
		if (endpoint == null) {
			// No instance left counts as a failure of the destination: with every instance
			// down the breaker opens, and closes on the first probes once one is back.
			return answer(call, (call.lastError != null) ? call.lastError
					: MeshError.noHealthyInstance(destination.service()));
		}
		call.tried.add(endpoint.id());
		call.span.remoteIpAndPort(endpoint.host(), endpoint.port());
		InstanceHealth.Attempt tracked = destination.pool().health(endpoint).attempt();
		String uri = "http://" + endpoint.address() + call.target.path();
		return this.forwarder.attempt(call.in, call.out, uri, call.deadline.remaining(), (headers) -> {
			headers.set(HttpHeaderNames.HOST, destination.service());
			headers.set(CALLER_HEADER, call.caller);
			headers.set(Deadline.HEADER, call.deadline.headerValue());
			this.spans.inject(call.span, headers);
		}, call.replay(body), (status, headers) -> retryInstead(call, retry, status, headers)).flatMap((answer) -> {
			boolean appDown = "app_unavailable".equals(answer.meshError());
			if (answer.status() >= 500) {
				destination.pool().failed(tracked, endpoint, endpoints, appDown, destination.policy().outlier());
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
			destination.pool().failed(tracked, endpoint, endpoints, notSent, destination.policy().outlier());
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

	private boolean retryInstead(Call call, int retry, int status, HttpHeaders headers) {
		if (!RetryRules.isRetryableStatus(status)) {
			return false;
		}
		// The inbound sidecar answers app_unavailable when it could not connect to its app.
		Reach reach = "app_unavailable".equals(headers.get(MeshError.HEADER)) ? Reach.NOT_SENT
				: Reach.MAYBE_PROCESSED;
		return mayRetry(call, retry, reach) && call.destination.budget().tryAcquireRetry();
	}

	private boolean mayRetry(Call call, int retry, Reach reach) {
		return call.body != null && retry < call.destination.policy().retries().attempts()
				&& !call.deadline.isExpired(RETRY_MARGIN)
				&& RetryRules.mayRetry(call.in.method().name(), call.hasIdempotencyKey, reach);
	}

	private Mono<Void> backoff(Call call, int retry) {
		Duration delay = call.destination.policy().retries().toBackoff().delay(retry + 1, call.deadline, RETRY_MARGIN);
		return delay.isZero() ? Mono.empty() : Mono.delay(delay).then();
	}

	private Mono<Void> answer(Call call, MeshError error) {
		call.answered = true;
		return ErrorResponses.send(call.out, error);
	}

	/** One call from the app, over all its attempts. */
	private final class Call {

		final HttpServerRequest in;

		final HttpServerResponse out;

		final OutboundTarget target;

		final Destination destination;

		final Span span;

		final Deadline deadline;

		final String caller;

		final boolean hasIdempotencyKey;

		final Set<String> tried = new HashSet<>(4);

		/** The body kept for replay, or {@code null} if it is streamed and cannot be sent twice. */
		byte[] body;

		MeshError lastError;

		int retries;

		boolean answered;

		boolean failed;

		Call(HttpServerRequest in, HttpServerResponse out, OutboundTarget target, Destination destination, Span span) {
			this.in = in;
			this.out = out;
			this.target = target;
			this.destination = destination;
			this.span = span;
			SidecarProperties.Outbound policy = destination.policy();
			this.deadline = Deadline.of(policy.timeout(), in.requestHeaders().get(Deadline.HEADER));
			this.caller = OutboundHandler.this.settings.get().service();
			this.hasIdempotencyKey = in.requestHeaders().contains(RetryRules.IDEMPOTENCY_KEY);
		}

		/**
		 * The request body as the first attempt sends it: kept in memory when it is small
		 * enough to be sent again, streamed otherwise.
		 */
		Mono<Publisher<? extends ByteBuf>> body() {
			HttpHeaders headers = this.in.requestHeaders();
			boolean chunked = headers.containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true);
			long length = headers.getInt(HttpHeaderNames.CONTENT_LENGTH, 0);
			long max = this.destination.policy().retries().maxBody().toBytes();
			if (chunked || length > max) {
				return Mono.just(this.in.receive().retain());
			}
			return this.in.receive().aggregate().asByteArray().defaultIfEmpty(NO_BODY).map((bytes) -> {
				this.body = bytes;
				return replay(null);
			});
		}

		/** The body for one attempt: the kept bytes, or the stream given for the first attempt. */
		Publisher<? extends ByteBuf> replay(Publisher<? extends ByteBuf> stream) {
			if (this.body == null) {
				return stream;
			}
			return (this.body.length == 0) ? Mono.empty() : Mono.just(Unpooled.wrappedBuffer(this.body));
		}

	}

}
