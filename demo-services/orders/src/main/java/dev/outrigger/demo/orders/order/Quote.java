package dev.outrigger.demo.orders.order;

import java.math.BigDecimal;

/**
 * The price of an order before it is placed, as the API shows it.
 *
 * @param itemId the catalog item quoted
 * @param quantity how many were quoted
 * @param unitPrice the item's price, as the catalog gave it
 * @param total the unit price times the quantity
 * @param catalogVersion the release label of the catalog instance that priced it
 */
record Quote(long itemId, int quantity, BigDecimal unitPrice, BigDecimal total, String catalogVersion) {

}
