package dev.outrigger.demo.catalog.item;

import java.util.List;

import dev.outrigger.demo.catalog.error.ApiError;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Serves the catalog's items at {@code /items}.
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
