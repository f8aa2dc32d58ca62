package dev.outrigger.demo.orders.order;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /orders}, as the client sent it.
 *
 * @param itemId the catalog item to order
 * @param quantity how many to order
 */
record CreateOrderRequest(@Nullable Long itemId, @Nullable Integer quantity) {

	/**
	 * Checks the request against the rules for an order.
	 * @throws InvalidOrderException naming every rule the request breaks
	 */
	void validate() {
		List<String> problems = new ArrayList<>();
		if (this.itemId == null) {
			problems.add("itemId is required");
		}
		else if (this.itemId <= 0) {
			problems.add("itemId must be greater than 0");
		}
		if (this.quantity == null) {
			problems.add("quantity is required");
		}
		else if (this.quantity <= 0) {
			problems.add("quantity must be greater than 0");
		}
		if (!problems.isEmpty()) {
			throw new InvalidOrderException(String.join(", ", problems));
		}
	}

}
