package dev.outrigger.demo.catalog.item;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
	void everyAnswerNamesTheCatalogVersionInAHeader() {
		assertThat(this.mvc.get().uri("/items")).hasHeader("X-Catalog-Version", "v2");
		assertThat(this.mvc.get().uri("/items/42")).hasHeader("X-Catalog-Version", "v2");
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

	@Test
	void reservationEchoesTheSizeDigestAndIdempotencyKeyOfTheBodyReceived() {
		assertThat(this.mvc.post()
			.uri("/items/2/reservations")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "key-1")
			.content("{\"note\":\"abc\"}")).hasStatusOk()
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isStrictlyEqualTo("""
					{"itemId": 2, "bodyBytes": 14,
					 "bodySha256": "%s",
					 "idempotencyKey": "key-1"}""".formatted(sha256("{\"note\":\"abc\"}")));
	}

	@Test
	void reservationTakesAnyContentTypeAndNoBody() {
		assertThat(this.mvc.post().uri("/items/1/reservations").contentType(MediaType.APPLICATION_OCTET_STREAM))
			.hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("""
					{"itemId": 1, "bodyBytes": 0, "bodySha256": "%s", "idempotencyKey": null}""".formatted(sha256("")));
	}

	@Test
	void reservationOfAnUnknownItemAnswers404Json() {
		assertThat(this.mvc.post().uri("/items/42/reservations").contentType(MediaType.TEXT_PLAIN).content("x"))
			.hasStatus(HttpStatus.NOT_FOUND)
			.bodyJson()
			.isStrictlyEqualTo("""
					{"error": "item_not_found", "message": "no item with id 42"}""");
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CatalogProperties.class)
	@Import(ItemCatalog.class)
	static class Config {

	}

}
