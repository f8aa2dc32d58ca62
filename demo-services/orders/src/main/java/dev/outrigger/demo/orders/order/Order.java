package dev.outrigger.demo.orders.order;

import java.math.BigDecimal;

/**
 * A placed order, as the API shows it.
 *
 * @param id the order's id, {@code ord-} and a UUID
 * @param itemId the catalog item ordered
 * @param quantity how many were ordered
 * @param total the unit price times the quantity
 * @param paymentId the id of the payment that paid for it
 * @param status {@code CONFIRMED} once paid
 */
record Order(String id, long itemId, int quantity, BigDecimal total, String paymentId, String status) {

}
