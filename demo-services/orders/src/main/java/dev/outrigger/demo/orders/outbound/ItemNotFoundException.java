package dev.outrigger.demo.orders.outbound;

/**
 * Thrown when the catalog says that an ordered item does not exist.
 */
public class ItemNotFoundException extends RuntimeException {

	ItemNotFoundException(long itemId) {
		super("no item with id " + itemId);
	}

}
