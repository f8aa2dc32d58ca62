package dev.outrigger.demo.catalog.item;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The fixed set of items this demo sells, labelled with the configured catalog version.
 */
@Component
class ItemCatalog {

	private final List<Item> items;

	ItemCatalog(CatalogProperties properties) {
		String version = properties.version();
		this.items = List.of(new Item(1, "Outrigger paddle", new BigDecimal("12.50"), version),
				new Item(2, "Spray skirt", new BigDecimal("34.90"), version),
				new Item(3, "Dry bag", new BigDecimal("19.99"), version),
				new Item(4, "Rudder cable", new BigDecimal("7.25"), version),
				new Item(5, "Ama float", new BigDecimal("149.00"), version));
	}

	/** Returns every item, ordered by id. */
	List<Item> findAll() {
		return this.items;
	}

	/** Returns the item with the given id, if there is one. */
	Optional<Item> findById(long id) {
		return this.items.stream().filter((item) -> item.id() == id).findFirst();
	}

}
