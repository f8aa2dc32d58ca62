package dev.outrigger.gateway.traffic;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.ChannelOption;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import dev.outrigger.core.http.HopByHopHeaders;
import dev.outrigger.core.resilience.Endpoint;

/**
 * Sends fire-and-forget copies of requests to a mirror instance. A copy never delays, changes
 * or fails the client's answer: its response is read and dropped, its failures are only
 * counted, and copies beyond the in-flight bound are not sent at all.
 */
public final class TrafficMirror implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(TrafficMirror.class);

	/** Headers the copy sets itself; the hop-by-hop ones are not copied either. */
	private static final Set<String> NOT_COPIED = Set.of("host", "content-length");

	private final ConnectionProvider connections;

	private final HttpClient client;

	private final int maxInFlight;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	/**
	 * Creates the mirror's own client and connection pool, apart from the gateway's.
	 * @param maxInFlight copies under way beyond which new ones are dropped
	 * @param timeout how long a copy may take before it is abandoned
	 */
	public TrafficMirror(int maxInFlight, Duration timeout) {
		this.maxInFlight = maxInFlight;
		this.connections = ConnectionProvider.builder("outrigger-mirror").maxConnections(maxInFlight).build();
		this.client = HttpClient.create(this.connections)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), 1000))
			.responseTimeout(timeout);
	}

	/**
	 * Sends a copy of a request to {@code target} in the background.
	 * @param pathAndQuery the raw path and query the instance would receive
	 * @param body the whole request body
	 * @return whether the copy was sent (and not dropped for the in-flight bound)
	 */
	public boolean send(Endpoint target, HttpMethod method, String pathAndQuery, HttpHeaders headers, byte[] body) {
		if (this.inFlight.incrementAndGet() > this.maxInFlight) {
			this.inFlight.decrementAndGet();
			this.dropped.incrementAndGet();
			return false;
		}
		HopByHopHeaders hopByHop = HopByHopHeaders.of(headers.getValuesAsList(HttpHeaders.CONNECTION));
		this.client.headers((copy) -> {
			headers.forEach((name, values) -> {
				if (!hopByHop.contains(name) && !NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
					copy.add(name, values);
				}
			});
			copy.set(HttpHeaders.CONTENT_LENGTH, body.length);
		})
			.request(io.netty.handler.codec.http.HttpMethod.valueOf(method.name()))
			.uri("http://" + target.address() + pathAndQuery)
			.send((request, out) -> out.sendByteArray(Mono.just(body)))
			.responseSingle((response, content) -> content.then(Mono.just(response.status().code())))
			.doFinally((signal) -> this.inFlight.decrementAndGet())
			.subscribe((status) -> {
			}, this::failed);
		return true;
	}

	private void failed(Throwable failure) {
		long count = this.failed.incrementAndGet();
		if (logger.isDebugEnabled()) {
			logger.debug("Mirror copy failed (" + count + " so far): " + failure);
		}
	}

	/** Copies dropped because too many were under way. */
	public long dropped() {
		return this.dropped.get();
	}

	/** Copies that failed or timed out. */
	public long failed() {
		return this.failed.get();
	}

	@Override
	public void close() {
		this.connections.dispose();
	}

}
