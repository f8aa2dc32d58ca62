package dev.outrigger.demo.catalog.chaos;

import java.util.Map;

import dev.outrigger.demo.catalog.error.ApiError;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test hooks at {@code /chaos}: {@code PUT} a {@link Fault}, {@code DELETE} to answer normally
 * again, {@code GET /chaos/stats} for the requests received. Like the rest of the app it
 * listens on loopback only; turn it on with {@code catalog.chaos.enabled=true}
 * ({@code CATALOG_CHAOS_ENABLED}) in test meshes only, since the sidecar forwards any path.
 */
@RestController
@RequestMapping("/chaos")
@ConditionalOnBooleanProperty("catalog.chaos.enabled")
class ChaosController {

	private final Chaos chaos;

	ChaosController(Chaos chaos) {
		this.chaos = chaos;
	}

	@GetMapping
	Fault fault() {
		return this.chaos.fault();
	}

	@PutMapping(consumes = "application/json")
	Fault inject(@RequestBody Map<String, Object> json) {
		Fault fault = Fault.from(json);
		this.chaos.inject(fault);
		return fault;
	}

	@DeleteMapping
	Fault reset() {
		this.chaos.reset();
		return this.chaos.fault();
	}

	@GetMapping("/stats")
	RequestStats stats() {
		return this.chaos.stats();
	}

	@ExceptionHandler
	ResponseEntity<ApiError> invalidFault(InvalidFaultException ex) {
		return ApiError.response(HttpStatus.BAD_REQUEST, "invalid_fault", ex.getMessage());
	}

}
