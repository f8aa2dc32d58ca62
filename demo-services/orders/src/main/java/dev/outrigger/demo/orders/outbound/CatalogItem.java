package dev.outrigger.demo.orders.outbound;

import java.math.BigDecimal;

/**
 * An item as the catalog describes it.
 *
 * @param id the item's id
 * @param name what the item is called
 * @param price the unit price
 * @param version the release label of the catalog that answered
 */
public record CatalogItem(long id, String name, BigDecimal price, String version) {

}
