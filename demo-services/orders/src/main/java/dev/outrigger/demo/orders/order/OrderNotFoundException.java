package dev.outrigger.demo.orders.order;

/**
 * Thrown when an order id names no stored order.
 */
class OrderNotFoundException extends RuntimeException {

	OrderNotFoundException(String id) {
		super("no order with id " + id);
	}

}
