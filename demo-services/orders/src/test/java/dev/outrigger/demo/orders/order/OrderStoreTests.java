package dev.outrigger.demo.orders.order;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderStoreTests {

	@Test
	void listsOrdersOldestFirstAndFindsThemById() {
		OrderStore store = new OrderStore();
		store.save(order("ord-1"));
		store.save(order("ord-2"));
		assertThat(store.findAll()).extracting(Order::id).containsExactly("ord-1", "ord-2");
		assertThat(store.findById("ord-2")).hasValue(order("ord-2"));
		assertThat(store.findById("ord-3")).isEmpty();
	}

	@Test
	void forgetsTheOldestOrderPastItsCapacity() {
		OrderStore store = new OrderStore(2);
		store.save(order("ord-1"));
		store.save(order("ord-2"));
		store.save(order("ord-3"));
		assertThat(store.findAll()).extracting(Order::id).containsExactly("ord-2", "ord-3");
	}

	private static Order order(String id) {
		return new Order(id, 1, 2, new BigDecimal("25.00"), "pay-1", "CONFIRMED");
	}

}
