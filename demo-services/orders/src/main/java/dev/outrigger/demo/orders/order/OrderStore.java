package dev.outrigger.demo.orders.order;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Keeps placed orders in memory, oldest first, forgetting the oldest past a limit so that a
 * load test cannot exhaust the heap.
 */
@Component
class OrderStore {

	static final int DEFAULT_CAPACITY = 10_000;

	private final Map<String, Order> orders;

	OrderStore() {
		this(DEFAULT_CAPACITY);
	}

	OrderStore(int capacity) {
		this.orders = new LinkedHashMap<>() {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Order> eldest) {
				return size() > capacity;
			}

		};
	}

	synchronized void save(Order order) {
		this.orders.put(order.id(), order);
	}

	synchronized Optional<Order> findById(String id) {
		return Optional.ofNullable(this.orders.get(id));
	}

	synchronized List<Order> findAll() {
		return List.copyOf(this.orders.values());
	}

}
