package dev.outrigger.demo.orders.outbound;

import java.math.BigDecimal;

/**
 * A charge as payments records it.
 *
 * @param paymentId the id payments gave the charge
 * @param orderId the order charged for
 * @param amount the amount charged
 * @param status {@code APPROVED} for a charge that went through
 */
public record Payment(String paymentId, String orderId, BigDecimal amount, String status) {

}
