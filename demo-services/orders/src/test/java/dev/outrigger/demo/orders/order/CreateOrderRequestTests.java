package dev.outrigger.demo.orders.order;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CreateOrderRequestTests {

	@Test
	void acceptsAPositiveItemAndQuantity() {
		assertThatCode(() -> new CreateOrderRequest(1L, 2).validate()).doesNotThrowAnyException();
	}

	@Test
	void namesEveryMissingField() {
		assertThatExceptionOfType(InvalidOrderException.class)
			.isThrownBy(() -> new CreateOrderRequest(null, null).validate())
			.withMessage("itemId is required, quantity is required");
	}

	@Test
	void rejectsZeroOrNegativeQuantity() {
		assertThatExceptionOfType(InvalidOrderException.class)
			.isThrownBy(() -> new CreateOrderRequest(1L, 0).validate())
			.withMessage("quantity must be greater than 0");
		assertThatExceptionOfType(InvalidOrderException.class)
			.isThrownBy(() -> new CreateOrderRequest(1L, -3).validate())
			.withMessage("quantity must be greater than 0");
	}

	@Test
	void rejectsZeroOrNegativeItemId() {
		assertThatExceptionOfType(InvalidOrderException.class)
			.isThrownBy(() -> new CreateOrderRequest(0L, 1).validate())
			.withMessage("itemId must be greater than 0");
	}

}
