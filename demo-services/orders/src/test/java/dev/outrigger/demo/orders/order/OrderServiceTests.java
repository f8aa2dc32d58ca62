package dev.outrigger.demo.orders.order;

import java.math.BigDecimal;

import dev.outrigger.demo.orders.outbound.CatalogClient;
import dev.outrigger.demo.orders.outbound.CatalogItem;
import dev.outrigger.demo.orders.outbound.Payment;
import dev.outrigger.demo.orders.outbound.PaymentsClient;
import dev.outrigger.demo.orders.outbound.TraceHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

class OrderServiceTests {

	private final CatalogClient catalog = mock(CatalogClient.class);

	private final PaymentsClient payments = mock(PaymentsClient.class);

	private final OrderStore store = new OrderStore();

	private final OrderService service = new OrderService(this.catalog, this.payments, this.store);

	@Test
	void chargesPriceTimesQuantityAndKeepsTheConfirmedOrder() {
		TraceHeaders trace = TraceHeaders.from(traceparent());
		given(this.catalog.findItem(3, trace)).willReturn(new CatalogItem(3, "Dry bag", new BigDecimal("19.99"), "v1"));
		given(this.payments.charge(any(), eq(new BigDecimal("59.97")), eq(trace)))
			.willReturn(new Payment("pay-1", "ord-x", new BigDecimal("59.97"), "APPROVED"));
		Order order = this.service.place(new CreateOrderRequest(3L, 3), trace);
		assertThat(order.total()).isEqualTo(new BigDecimal("59.97"));
		assertThat(order.paymentId()).isEqualTo("pay-1");
		assertThat(order.status()).isEqualTo("CONFIRMED");
		then(this.payments).should().charge(eq(order.id()), any(), eq(trace));
		assertThat(this.service.get(order.id())).isEqualTo(order);
	}

	@Test
	void checksTheRequestBeforeCallingAnyDependency() {
		assertThatExceptionOfType(InvalidOrderException.class)
			.isThrownBy(() -> this.service.place(new CreateOrderRequest(1L, 0), TraceHeaders.none()));
		then(this.catalog).should(never()).findItem(anyLong(), any());
	}

	@Test
	void keepsNoOrderWhenTheChargeFails() {
		given(this.catalog.findItem(1, TraceHeaders.none()))
			.willReturn(new CatalogItem(1, "Paddle", new BigDecimal("12.50"), "v1"));
		given(this.payments.charge(any(), any(), any())).willThrow(new IllegalStateException("payments down"));
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.service.place(new CreateOrderRequest(1L, 1), TraceHeaders.none()));
		assertThat(this.service.list()).isEmpty();
	}

	@Test
	void quotesPriceTimesQuantityWithoutChargingOrKeeping() {
		TraceHeaders trace = TraceHeaders.from(traceparent());
		given(this.catalog.findItem(2, trace)).willReturn(new CatalogItem(2, "Spray skirt", new BigDecimal("34.90"), "v2"));
		Quote quote = this.service.quote(new CreateOrderRequest(2L, 3), trace);
		assertThat(quote).isEqualTo(new Quote(2, 3, new BigDecimal("34.90"), new BigDecimal("104.70"), "v2"));
		then(this.payments).shouldHaveNoInteractions();
		assertThat(this.service.list()).isEmpty();
	}

	@Test
	void checksTheQuoteBeforeCallingTheCatalog() {
		assertThatExceptionOfType(InvalidOrderException.class)
			.isThrownBy(() -> this.service.quote(new CreateOrderRequest(null, 1), TraceHeaders.none()))
			.withMessage("itemId is required");
		then(this.catalog).shouldHaveNoInteractions();
	}

	@Test
	void unknownOrderIdIsNotFound() {
		assertThatExceptionOfType(OrderNotFoundException.class).isThrownBy(() -> this.service.get("ord-nope"))
			.withMessage("no order with id ord-nope");
	}

	private static HttpHeaders traceparent() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		return headers;
	}

}
