package dev.outrigger.demo.orders.order;

import java.util.stream.Stream;

import dev.outrigger.demo.orders.outbound.CatalogClient;
import dev.outrigger.demo.orders.outbound.PaymentsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.then;

@WebMvcTest(OrderController.class)
@Import({ OrderService.class, OrderStore.class })
class OrderControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private CatalogClient catalog;

	@MockitoBean
	private PaymentsClient payments;

	@AfterEach
	void noDependencyWasCalled() {
		then(this.catalog).shouldHaveNoInteractions();
		then(this.payments).shouldHaveNoInteractions();
	}

	static Stream<Arguments> badOrders() {
		return Stream.of(Arguments.of("{\"itemId\": 1,", "malformed_request", "request body is not valid JSON"),
				Arguments.of("", "malformed_request", "request body is missing"),
				Arguments.of("null", "malformed_request", "request body is missing"),
				Arguments.of("[1, 2]", "malformed_request", "request body could not be read as an order"),
				Arguments.of("{\"itemId\": \"abc\", \"quantity\": 1}", "malformed_request",
						"field 'itemId' has the wrong type"),
				Arguments.of("{\"itemId\": 1, \"quantity\": 2.5}", "malformed_request",
						"field 'quantity' has the wrong type"),
				Arguments.of("{\"itemId\": 1, \"quantity\": 99999999999}", "malformed_request",
						"field 'quantity' has the wrong type"),
				Arguments.of("{}", "invalid_order", "itemId is required, quantity is required"),
				Arguments.of("{\"itemId\": 1}", "invalid_order", "quantity is required"),
				Arguments.of("{\"quantity\": 1}", "invalid_order", "itemId is required"),
				Arguments.of("{\"itemId\": 1, \"quantity\": 0}", "invalid_order", "quantity must be greater than 0"),
				Arguments.of("{\"itemId\": 1, \"quantity\": -2}", "invalid_order", "quantity must be greater than 0"),
				Arguments.of("{\"itemId\": 0, \"quantity\": 1}", "invalid_order", "itemId must be greater than 0"));
	}

	@ParameterizedTest(name = "{0} -> {2}")
	@MethodSource("badOrders")
	void badOrderAnswers400JsonNamingTheReason(String body, String error, String message) {
		assertThat(this.mvc.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).content(body))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isStrictlyEqualTo("{\"error\": \"%s\", \"message\": \"%s\"}".formatted(error, message));
	}

	@Test
	void nonJsonBodyAnswers415Json() {
		assertThat(this.mvc.post().uri("/orders").contentType(MediaType.TEXT_PLAIN).content("itemId=1"))
			.hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.extractingPath("$.error")
			.isEqualTo("unsupported_media_type");
	}

	@Test
	void wrongMethodAnswers405Json() {
		MvcTestResult result = this.mvc.put()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.METHOD_NOT_ALLOWED)
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.extractingPath("$.error")
			.isEqualTo("method_not_allowed");
		assertThat(result.getResponse().getHeader(HttpHeaders.ALLOW)).contains("GET", "POST");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			/orders/quote                      | itemId is required, quantity is required
			/orders/quote?itemId=2             | quantity is required
			/orders/quote?itemId=2&quantity=0  | quantity must be greater than 0
			/orders/quote?itemId=-1&quantity=1 | itemId must be greater than 0
			""")
	void badQuoteAnswers400JsonBeforeCallingTheCatalog(String uri, String message) {
		assertThat(this.mvc.get().uri(uri)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isStrictlyEqualTo("{\"error\": \"invalid_order\", \"message\": \"%s\"}".formatted(message));
	}

	@Test
	void nonNumericQuoteParameterAnswers400Json() {
		assertThat(this.mvc.get().uri("/orders/quote?itemId=abc&quantity=1")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.extractingPath("$.error")
			.isEqualTo("bad_request");
	}

	@Test
	void unknownOrderAnswers404Json() {
		assertThat(this.mvc.get().uri("/orders/ord-42")).hasStatus(HttpStatus.NOT_FOUND)
			.bodyJson()
			.isStrictlyEqualTo("{\"error\": \"order_not_found\", \"message\": \"no order with id ord-42\"}");
	}

	@Test
	void listsNoOrdersBeforeAnyIsPlaced() {
		assertThat(this.mvc.get().uri("/orders")).hasStatusOk().bodyJson().isStrictlyEqualTo("[]");
	}

}
