package dev.outrigger.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Open-loop HTTP load at a fixed rate, with latency measured from each request's intended send
 * time on the schedule (so a stalled server is charged for the requests it delayed).
 *
 * <p>
 * Request {@code i} is due at {@code start + i / rate}, whatever happened to the others. A
 * pool of keep-alive connections, each with its own thread, takes the next due request as soon
 * as it is free; a request that finds every connection busy waits, and that wait is part of its
 * latency because the clock starts at the due time, not at the actual send.
 *
 * <p>
 * Two uses: {@code OpenLoopLoad URL RATE SECONDS [CONNECTIONS]} runs once and prints the
 * percentiles; with no argument it serves the harness on stdin, one command a line:
 * {@code run LABEL URL RATE WARMUP_S DURATION_S CONNECTIONS} prints {@code RESULT {json}} and
 * adds the histogram to LABEL's total; {@code report} prints {@code TOTAL {json}} per label,
 * then {@code END}; {@code quit} exits.
 */
public final class OpenLoopLoad {

	/** Percentiles of the curve written for the chart (HdrHistogram's usual plot points). */
	private static final double[] CURVE = { 0, 10, 20, 30, 40, 50, 55, 60, 65, 70, 75, 77.5, 80, 82.5, 85, 87.5, 88.75,
			90, 91.25, 92.5, 93.75, 94.375, 95, 95.625, 96.25, 96.875, 97.1875, 97.5, 97.8125, 98.125, 98.4375,
			98.59375, 98.75, 98.90625, 99.0625, 99.21875, 99.296875, 99.375, 99.453125, 99.53125, 99.609375,
			99.6484375, 99.6875, 99.7265625, 99.765625, 99.8046875, 99.82421875, 99.84375, 99.86328125, 99.8828125,
			99.90234375, 99.9121, 99.9219, 99.9316, 99.9414, 99.9512, 99.9609, 99.9707, 99.9805, 99.99, 99.995,
			99.999, 100 };

	private static final long HIGHEST_NANOS = 120_000_000_000L;

	private final Map<String, Histogram> totals = new LinkedHashMap<>();

	private final Map<String, long[]> totalCounts = new LinkedHashMap<>();

	public static void main(String[] args) throws Exception {
		OpenLoopLoad load = new OpenLoopLoad();
		if (args.length >= 3) {
			int connections = (args.length > 3) ? Integer.parseInt(args[3]) : 16;
			Result result = load.run(URI.create(args[0]), Double.parseDouble(args[1]), 1.0,
					Double.parseDouble(args[2]), connections);
			System.out.println(result.json("once"));
			return;
		}
		load.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
	}

	private void serve(BufferedReader commands, PrintStream out) throws Exception {
		for (String line = commands.readLine(); line != null; line = commands.readLine()) {
			String[] words = line.trim().split("\\s+");
			switch (words[0]) {
				case "run" -> {
					Result result = run(URI.create(words[2]), Double.parseDouble(words[3]),
							Double.parseDouble(words[4]), Double.parseDouble(words[5]), Integer.parseInt(words[6]));
					this.totals.computeIfAbsent(words[1], (k) -> newHistogram()).add(result.histogram);
					long[] counts = this.totalCounts.computeIfAbsent(words[1], (k) -> new long[3]);
					counts[0] += result.errors;
					counts[1] += result.badStatus;
					counts[2] += result.measureNanos;
					out.println("RESULT " + result.json(words[1]));
				}
				case "report" -> {
					for (Map.Entry<String, Histogram> total : this.totals.entrySet()) {
						long[] counts = this.totalCounts.get(total.getKey());
						Result merged = new Result(total.getValue(), counts[0], counts[1], counts[2], 0, 0);
						out.println("TOTAL " + merged.json(total.getKey()));
					}
					out.println("END");
				}
				case "quit" -> {
					return;
				}
				case "" -> {
				}
				default -> out.println("ERROR unknown command " + words[0]);
			}
			out.flush();
		}
	}

	private static Histogram newHistogram() {
		return new Histogram(HIGHEST_NANOS, 3);
	}

	/** Runs {@code warmup} seconds unrecorded, then {@code duration} seconds recorded. */
	Result run(URI url, double rate, double warmup, double duration, int connections) throws InterruptedException {
		String path = (url.getRawPath() == null || url.getRawPath().isEmpty()) ? "/" : url.getRawPath();
		if (url.getRawQuery() != null) {
			path += "?" + url.getRawQuery();
		}
		double interval = 1e9 / rate;
		long start = System.nanoTime() + 20_000_000L;
		long measureFrom = start + (long) (warmup * 1e9);
		long end = measureFrom + (long) (duration * 1e9);
		AtomicLong next = new AtomicLong();
		List<Worker> workers = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			Worker worker = new Worker(new KeepAliveConnection(url.getHost(), url.getPort(), path), next, start, interval,
					measureFrom, end);
			workers.add(worker);
			worker.thread.start();
		}
		Histogram histogram = newHistogram();
		long errors = 0;
		long badStatus = 0;
		long late = 0;
		long sent = 0;
		for (Worker worker : workers) {
			worker.thread.join();
			histogram.add(worker.histogram);
			sent += worker.sent;
			errors += worker.errors;
			badStatus += worker.badStatus;
			late = Math.max(late, worker.lastDone - end);
		}
		return new Result(histogram, errors, badStatus, end - measureFrom, Math.max(0, late), sent);
	}

	/** One connection and its thread, taking the next due request of the shared schedule. */
	private static final class Worker implements Runnable {

		private final KeepAliveConnection connection;

		private final AtomicLong next;

		private final long start;

		private final double interval;

		private final long measureFrom;

		private final long end;

		private final Histogram histogram = newHistogram();

		private final Thread thread;

		private long errors;

		private long badStatus;

		private long lastDone;

		private long sent;

		Worker(KeepAliveConnection connection, AtomicLong next, long start, double interval, long measureFrom,
				long end) {
			this.connection = connection;
			this.next = next;
			this.start = start;
			this.interval = interval;
			this.measureFrom = measureFrom;
			this.end = end;
			this.thread = new Thread(this, "load");
			this.thread.setDaemon(true);
		}

		@Override
		public void run() {
			try {
				this.connection.open();
			}
			catch (IOException ex) {
				// counted as an error on the first request it takes
			}
			while (true) {
				long index = this.next.getAndIncrement();
				long due = this.start + (long) (index * this.interval);
				if (due >= this.end) {
					break;
				}
				for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
					LockSupport.parkNanos(due - now);
				}
				boolean ok;
				try {
					int status = this.connection.exchange();
					ok = status >= 200 && status < 300;
					if (!ok && due >= this.measureFrom) {
						this.badStatus++;
					}
				}
				catch (IOException | RuntimeException ex) {
					ok = false;
					if (due >= this.measureFrom) {
						this.errors++;
					}
					// a refused connection must not turn into a busy loop
					LockSupport.parkNanos(1_000_000L);
				}
				long done = System.nanoTime();
				this.lastDone = done;
				this.sent++;
				if (due >= this.measureFrom) {
					this.histogram.recordValue(Math.min(done - due, HIGHEST_NANOS));
				}
			}
			this.connection.close();
		}

	}

	/** Percentiles and counts of one run (or of all runs of a label). */
	static final class Result {

		final Histogram histogram;

		final long errors;

		final long badStatus;

		final long measureNanos;

		final long overrunNanos;

		final long sent;

		Result(Histogram histogram, long errors, long badStatus, long measureNanos, long overrunNanos, long sent) {
			this.histogram = histogram;
			this.errors = errors;
			this.badStatus = badStatus;
			this.measureNanos = measureNanos;
			this.overrunNanos = overrunNanos;
			this.sent = sent;
		}

		String json(String label) {
			StringBuilder json = new StringBuilder(2048);
			long count = this.histogram.getTotalCount();
			json.append("{\"label\":\"").append(label).append('"');
			json.append(",\"count\":").append(count);
			json.append(",\"sent\":").append(this.sent);
			json.append(",\"errors\":").append(this.errors);
			json.append(",\"badStatus\":").append(this.badStatus);
			json.append(",\"seconds\":").append(fmt(this.measureNanos / 1e9));
			json.append(",\"overrunMs\":").append(fmt(this.overrunNanos / 1e6));
			json.append(",\"mean\":").append(fmt(this.histogram.getMean() / 1e6));
			for (double p : new double[] { 50, 90, 99, 99.9, 99.99 }) {
				json.append(",\"p").append(fmtKey(p)).append("\":").append(ms(p));
			}
			json.append(",\"max\":").append(fmt(this.histogram.getMaxValue() / 1e6));
			json.append(",\"curve\":[");
			for (int i = 0; i < CURVE.length; i++) {
				json.append((i == 0) ? "" : ",").append('[').append(CURVE[i]).append(',').append(ms(CURVE[i]))
					.append(']');
			}
			return json.append("]}").toString();
		}

		private String ms(double percentile) {
			if (this.histogram.getTotalCount() == 0) {
				return "null";
			}
			return fmt(this.histogram.getValueAtPercentile(percentile) / 1e6);
		}

		private static String fmtKey(double p) {
			return (p == Math.rint(p)) ? Long.toString((long) p) : Double.toString(p).replace(".", "_");
		}

		private static String fmt(double value) {
			return String.format(Locale.ROOT, "%.4f", value);
		}

	}

}
