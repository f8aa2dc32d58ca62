package dev.outrigger.demo.orders.order;

/**
 * Thrown when an order request breaks the rules for an order.
 */
class InvalidOrderException extends RuntimeException {

	InvalidOrderException(String problems) {
		super(problems);
	}

}
