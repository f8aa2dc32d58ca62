package dev.outrigger.demo.orders.outbound;

/**
 * Thrown when payments refuses a charge.
 */
public class PaymentDeclinedException extends RuntimeException {

	PaymentDeclinedException(String reason) {
		super("payment declined: " + reason);
	}

}
