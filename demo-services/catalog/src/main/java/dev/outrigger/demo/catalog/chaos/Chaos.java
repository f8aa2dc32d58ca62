package dev.outrigger.demo.catalog.chaos;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The fault currently injected into the catalog's answers, and the count of requests received.
 */
@Component
@ConditionalOnBooleanProperty("catalog.chaos.enabled")
class Chaos {

	private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);

	private final LongAdder requests = new LongAdder();

	private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();

	/** The fault in effect. */
	Fault fault() {
		return this.fault.get();
	}

	/** Applies a fault to every answer from now on. */
	void inject(Fault fault) {
		this.fault.set(fault);
	}

	/** Answers normally again. */
	void reset() {
		this.fault.set(Fault.NONE);
	}

	/** Counts one request received. */
	void count(String method) {
		this.requests.increment();
		this.byMethod.computeIfAbsent(method, (key) -> new LongAdder()).increment();
	}

	/** The requests counted so far. */
	RequestStats stats() {
		Map<String, Long> methods = new TreeMap<>();
		this.byMethod.forEach((method, count) -> methods.put(method, count.sum()));
		return new RequestStats(this.requests.sum(), methods);
	}

}
