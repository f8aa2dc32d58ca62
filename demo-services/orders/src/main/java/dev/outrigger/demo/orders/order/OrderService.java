package dev.outrigger.demo.orders.order;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import dev.outrigger.demo.orders.outbound.CatalogClient;
import dev.outrigger.demo.orders.outbound.CatalogItem;
import dev.outrigger.demo.orders.outbound.Payment;
import dev.outrigger.demo.orders.outbound.PaymentsClient;
import dev.outrigger.demo.orders.outbound.TraceHeaders;

import org.springframework.stereotype.Service;

/**
 * Places orders: prices the item from the catalog, charges payments, then keeps the order.
 * Quotes price an order the same way and stop there.
 */
@Service
class OrderService {

	static final String CONFIRMED = "CONFIRMED";

	private final CatalogClient catalog;

	private final PaymentsClient payments;

	private final OrderStore store;

	OrderService(CatalogClient catalog, PaymentsClient payments, OrderStore store) {
		this.catalog = catalog;
		this.payments = payments;
		this.store = store;
	}

	Order place(CreateOrderRequest request, TraceHeaders trace) {
		request.validate();
		CatalogItem item = this.catalog.findItem(request.itemId(), trace);
		BigDecimal total = item.price().multiply(BigDecimal.valueOf(request.quantity()));
		String id = "ord-" + UUID.randomUUID();
		Payment payment = this.payments.charge(id, total, trace);
		Order order = new Order(id, item.id(), request.quantity(), total, payment.paymentId(), CONFIRMED);
		this.store.save(order);
		return order;
	}

	/** Prices an order from the catalog without placing it: no charge, nothing kept. */
	Quote quote(CreateOrderRequest request, TraceHeaders trace) {
		request.validate();
		CatalogItem item = this.catalog.findItem(request.itemId(), trace);
		BigDecimal total = item.price().multiply(BigDecimal.valueOf(request.quantity()));
		return new Quote(item.id(), request.quantity(), item.price(), total, item.version());
	}

	Order get(String id) {
		return this.store.findById(id).orElseThrow(() -> new OrderNotFoundException(id));
	}

	List<Order> list() {
		return this.store.findAll();
	}

}
