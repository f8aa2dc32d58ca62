package dev.outrigger.demo.catalog.item;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import dev.outrigger.demo.catalog.error.ApiError;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Serves the catalog's items at {@code /items}, and takes reservations of them.
 */
@RestController
@RequestMapping("/items")
class ItemController {

	private final ItemCatalog catalog;

	ItemController(ItemCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping
	List<Item> list() {
		return this.catalog.findAll();
	}

	@GetMapping("/{id}")
	Item get(@PathVariable long id) {
		return this.catalog.findById(id).orElseThrow(() -> new ItemNotFoundException(id));
	}

	@PostMapping("/{id}/reservations")
	Reservation reserve(@PathVariable long id, @RequestBody(required = false) byte @Nullable [] body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
		Item item = get(id);
		byte[] received = (body != null) ? body : new byte[0];
		return new Reservation(item.id(), received.length, sha256(received), idempotencyKey);
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	@ExceptionHandler
	ResponseEntity<ApiError> itemNotFound(ItemNotFoundException ex) {
		return ApiError.response(HttpStatus.NOT_FOUND, "item_not_found", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> invalidId(MethodArgumentTypeMismatchException ex) {
		return ApiError.response(HttpStatus.BAD_REQUEST, "invalid_item_id",
				"item id must be a whole number, got '" + ex.getValue() + "'");
	}

}
