package dev.outrigger.demo.orders.order;

import java.net.URI;
import java.util.List;

import dev.outrigger.demo.orders.outbound.TraceHeaders;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves orders at {@code /orders}.
 */
@RestController
@RequestMapping("/orders")
class OrderController {

	private final OrderService service;

	OrderController(OrderService service) {
		this.service = service;
	}

	@PostMapping(consumes = "application/json")
	ResponseEntity<Order> create(@RequestBody CreateOrderRequest request, @RequestHeader HttpHeaders headers) {
		Order order = this.service.place(request, TraceHeaders.from(headers));
		// Relative, so that it stays right whatever host name the sidecar was called by.
		return ResponseEntity.created(URI.create("/orders/" + order.id())).body(order);
	}

	/**
	 * Prices {@code quantity} of an item through the catalog, e.g.
	 * {@code GET /orders/quote?itemId=2&quantity=3}: a read-only call that reaches another
	 * service through the mesh, with the same rules as an order.
	 */
	@GetMapping("/quote")
	Quote quote(@RequestParam(required = false) @Nullable Long itemId,
			@RequestParam(required = false) @Nullable Integer quantity, @RequestHeader HttpHeaders headers) {
		return this.service.quote(new CreateOrderRequest(itemId, quantity), TraceHeaders.from(headers));
	}

	@GetMapping("/{id}")
	Order get(@PathVariable String id) {
		return this.service.get(id);
	}

	@GetMapping
	List<Order> list() {
		return this.service.list();
	}

}
