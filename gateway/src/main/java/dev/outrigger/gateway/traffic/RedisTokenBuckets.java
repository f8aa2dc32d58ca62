package dev.outrigger.gateway.traffic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import reactor.core.publisher.Mono;

/**
 * Token buckets kept in Redis, taken from by one atomic Lua script, so that every gateway
 * using the same Redis shares each limit. Fails fast while Redis cannot be reached; deciding
 * what to do then is the caller's job.
 */
final class RedisTokenBuckets implements AutoCloseable {

	private static final String SCRIPT = script();

	private static final String SCRIPT_SHA = sha1(SCRIPT);

	/** After a failed connection, requests wait this long before one tries again. */
	private static final long RECONNECT_PAUSE_NANOS = Duration.ofSeconds(1).toNanos();

	private final ClientResources resources;

	private final RedisClient client;

	private final RedisURI uri;

	private final Duration timeout;

	private CompletableFuture<StatefulRedisConnection<String, String>> connection;

	private long nextAttempt;

	/**
	 * Creates the buckets and starts connecting in the background.
	 * @param url the Redis URL, e.g. {@code redis://127.0.0.1:6379}
	 * @param timeout how long one take (or a connection attempt) may wait for Redis
	 */
	RedisTokenBuckets(String url, Duration timeout) {
		this.uri = RedisURI.create(url);
		this.timeout = timeout;
		// Lettuce's reconnect backoff grows to 30 s by default; a gateway should share limits again
		// within a couple of seconds of Redis coming back.
		this.resources = DefaultClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
			.build();
		this.client = RedisClient.create(this.resources);
		this.client.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			// The request goes on where the answer is emitted: not on Lettuce's I/O threads.
			.publishOnScheduler(true)
			// While reconnecting, refuse at once rather than queue: the caller falls back.
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
			.timeoutOptions(TimeoutOptions.enabled(timeout))
			.build());
		// Connect ahead of the first request, which would otherwise wait for it.
		connection();
	}

	/** Where the buckets live, without credentials. */
	String location() {
		return this.uri.getHost() + ":" + this.uri.getPort();
	}

	/**
	 * Takes one token from the bucket {@code key}.
	 * @return zero when a token was taken, otherwise the wait until one is available; an error
	 * when Redis did not answer in time
	 */
	Mono<Duration> take(String key, double perSecond, int burst) {
		// A take that times out must not cancel the connection that later takes share.
		return Mono.defer(() -> Mono.fromFuture(connection(), true))
			.flatMap((connection) -> run(connection.reactive(), key, Double.toString(perSecond),
					Integer.toString(burst)))
			.map((micros) -> Duration.ofNanos(micros * 1000))
			.timeout(this.timeout);
	}

	private static Mono<Long> run(RedisReactiveCommands<String, String> redis, String key, String perSecond,
			String burst) {
		String[] keys = { key };
		return redis.<Long>evalsha(SCRIPT_SHA, ScriptOutputType.INTEGER, keys, perSecond, burst)
			.next()
			// A restarted Redis has forgotten the script: EVAL sends it again and caches it.
			.onErrorResume(RedisNoScriptException.class,
					(ex) -> redis.<Long>eval(SCRIPT, ScriptOutputType.INTEGER, keys, perSecond, burst).next());
	}

	private synchronized CompletableFuture<StatefulRedisConnection<String, String>> connection() {
		CompletableFuture<StatefulRedisConnection<String, String>> current = this.connection;
		long now = System.nanoTime();
		if (current != null && (!current.isCompletedExceptionally() || now - this.nextAttempt < 0)) {
			return current;
		}
		this.nextAttempt = now + RECONNECT_PAUSE_NANOS;
		this.connection = this.client.connectAsync(StringCodec.UTF8, this.uri).toCompletableFuture();
		return this.connection;
	}

	@Override
	public void close() {
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		this.resources.shutdown(0, 2, TimeUnit.SECONDS);
	}

	private static String script() {
		try (InputStream in = RedisTokenBuckets.class.getResourceAsStream("token-bucket.lua")) {
			if (in == null) {
				throw new IllegalStateException("token-bucket.lua is missing from the class path");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String sha1(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
