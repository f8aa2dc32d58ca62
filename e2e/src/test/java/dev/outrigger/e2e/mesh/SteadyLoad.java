package dev.outrigger.e2e.mesh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * Steady client traffic through the mesh: a few client threads issuing calls at a fixed total
 * rate, round robin over the given calls, recording the outcome and latency of every request.
 * A thread whose call is slow falls behind and catches up afterwards, as scheduled clients do.
 */
final class SteadyLoad implements AutoCloseable {

	private final String label;

	private final double perSecond;

	private final List<Call> calls;

	private final ScheduledExecutorService clients;

	private final AtomicLong next = new AtomicLong();

	private final ConcurrentLinkedQueue<LoadReport.Outcome> outcomes = new ConcurrentLinkedQueue<>();

	private final long startNanos = System.nanoTime();

	private final Map<String, Long> marks = Collections.synchronizedMap(new LinkedHashMap<>());

	private volatile boolean stopped;

	private SteadyLoad(String label, int threads, double perSecond, List<Call> calls) {
		this.label = label;
		this.perSecond = perSecond;
		this.calls = calls;
		this.clients = Executors.newScheduledThreadPool(threads, (runnable) -> {
			Thread thread = new Thread(runnable, "steady-load");
			thread.setDaemon(true);
			return thread;
		});
		long periodNanos = (long) (threads * 1e9 / perSecond);
		for (int i = 0; i < threads; i++) {
			this.clients.scheduleAtFixedRate(this::callOnce, (long) (i * 1e9 / perSecond), periodNanos,
					TimeUnit.NANOSECONDS);
		}
	}

	/** Starts {@code perSecond} requests a second in total on {@code threads} client threads. */
	static SteadyLoad start(String label, int threads, double perSecond, Call... calls) {
		SteadyLoad load = new SteadyLoad(label, threads, perSecond, List.of(calls));
		System.out.printf("[%s] steady load: %.0f req/s on %d client threads over %s%n", label, perSecond, threads,
				load.calls.stream().map(Call::name).toList());
		return load;
	}

	private void callOnce() {
		if (this.stopped) {
			return;
		}
		Call call = this.calls.get((int) (this.next.getAndIncrement() % this.calls.size()));
		long start = System.nanoTime();
		String failure;
		try {
			Http.Reply reply = call.send().get();
			failure = reply.isSuccess() ? call.check().apply(reply) : reply.failure();
		}
		catch (RuntimeException ex) {
			failure = "client error: " + ex;
		}
		this.outcomes.add(new LoadReport.Outcome(call.name(), start - this.startNanos,
				System.nanoTime() - this.startNanos, failure));
	}

	/**
	 * Notes the moment something happened, e.g. {@code kill -9 catalog-1}; the first mark is
	 * the fault from which the time back to steady state is measured.
	 */
	void mark(String event) {
		this.marks.put(event, System.nanoTime() - this.startNanos);
		System.out.printf("[%s] %.1f s: %s%n", this.label, this.marks.get(event) / 1e9, event);
	}

	/**
	 * Keeps the load running until it has started the requests of {@code window} at its rate
	 * (a measurement period; a load slowed down by the machine gets the time it needs).
	 */
	void keepRunning(Duration window) {
		long target = this.next.get() + Math.round(this.perSecond * window.toNanos() / 1e9);
		await(this.label + ": " + window + " of load").atMost(window.multipliedBy(2).plusSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.next.get() >= target);
	}

	/** Requests answered so far. */
	int completed() {
		return this.outcomes.size();
	}

	/** Stops issuing requests, waits for those in flight, and reports (and prints) every outcome. */
	LoadReport stop() {
		this.stopped = true;
		this.clients.shutdown();
		try {
			if (!this.clients.awaitTermination(30, TimeUnit.SECONDS)) {
				this.clients.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		LoadReport report = new LoadReport(this.label, new ArrayList<>(this.outcomes),
				Duration.ofNanos(System.nanoTime() - this.startNanos), new LinkedHashMap<>(this.marks));
		System.out.println(report.summary());
		return report;
	}

	@Override
	public void close() {
		if (!this.stopped) {
			stop();
		}
	}

	/**
	 * One kind of request of the load.
	 *
	 * @param name what the request is, for the report, e.g. {@code GET /api/catalog/items/1}
	 * @param send sends the request and returns the answer
	 * @param check what is wrong with a 2xx answer, or {@code null} if nothing is
	 */
	record Call(String name, Supplier<Http.Reply> send, Function<Http.Reply, String> check) {

		Call(String name, Supplier<Http.Reply> send) {
			this(name, send, (reply) -> null);
		}

	}

}
