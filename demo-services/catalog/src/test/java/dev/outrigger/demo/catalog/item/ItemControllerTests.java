package dev.outrigger.demo.catalog.item;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@WebMvcTest(ItemController.class)
@TestPropertySource(properties = "catalog.version=v2")
class ItemControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void listsAllItemsAsJson() {
		assertThat(this.mvc.get().uri("/items")).hasStatusOk()
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.extractingPath("$[*].id")
			.asArray()
			.containsExactly(1, 2, 3, 4, 5);
	}

	@Test
	void getsOneItemWithItsDecimalPriceAndVersion() {
		assertThat(this.mvc.get().uri("/items/1")).hasStatusOk()
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isStrictlyEqualTo("""
					{"id": 1, "name": "Outrigger paddle", "price": 12.50, "version": "v2"}""");
		assertThat(this.mvc.get().uri("/items/1")).bodyText().contains("\"price\":12.50");
	}

	@Test
	void unknownItemAnswers404Json() {
		assertThat(this.mvc.get().uri("/items/42")).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isStrictlyEqualTo("""
					{"error": "item_not_found", "message": "no item with id 42"}""");
	}

	@Test
	void nonNumericIdAnswers400Json() {
		assertThat(this.mvc.get().uri("/items/abc")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isStrictlyEqualTo("""
					{"error": "invalid_item_id", "message": "item id must be a whole number, got 'abc'"}""");
	}

	@Test
	void idTooLargeForALongAnswers400Json() {
		assertThat(this.mvc.get().uri("/items/99999999999999999999")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.error")
			.isEqualTo("invalid_item_id");
	}

	@Test
	void unknownPathAnswers404Json() {
		assertThat(this.mvc.get().uri("/nothing/here")).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isStrictlyEqualTo("""
					{"error": "not_found", "message": "no such path: GET /nothing/here"}""");
	}

	@Test
	void wrongMethodAnswers405JsonNamingTheAllowedMethods() {
		assertThat(this.mvc.delete().uri("/items/1")).hasStatus(HttpStatus.METHOD_NOT_ALLOWED)
			.hasContentType(MediaType.APPLICATION_JSON)
			.hasHeader(HttpHeaders.ALLOW, "GET")
			.bodyJson()
			.extractingPath("$.error")
			.isEqualTo("method_not_allowed");
	}

	@Test
	void errorsStayJsonWhenTheClientAsksForHtml() {
		assertThat(this.mvc.get().uri("/items/42").accept(MediaType.TEXT_HTML)).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.extractingPath("$.error")
			.isEqualTo("item_not_found");
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CatalogProperties.class)
	@Import(ItemCatalog.class)
	static class Config {

	}

}
