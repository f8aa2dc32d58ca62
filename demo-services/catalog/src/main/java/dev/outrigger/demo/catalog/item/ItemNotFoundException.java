package dev.outrigger.demo.catalog.item;

/**
 * Thrown when an item id names no item in the catalog.
 */
class ItemNotFoundException extends RuntimeException {

	ItemNotFoundException(long id) {
		super("no item with id " + id);
	}

}
