package dev.outrigger.demo.catalog.item;

import java.math.BigDecimal;

/**
 * An item for sale, as the API shows it.
 *
 * @param id the item's id
 * @param name what the item is called
 * @param price the unit price, with two decimals
 * @param version the release label of the catalog that answered
 */
record Item(long id, String name, BigDecimal price, String version) {

}
