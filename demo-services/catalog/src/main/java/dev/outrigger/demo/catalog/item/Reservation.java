package dev.outrigger.demo.catalog.item;

import org.jspecify.annotations.Nullable;

/**
 * A reservation of an item, as the API answers it: the demo keeps nothing, but says exactly
 * what it received, so callers can check that a request (a retried one too) arrived whole.
 *
 * @param itemId the item reserved
 * @param bodyBytes the size of the request body received, in bytes
 * @param bodySha256 the SHA-256 of the request body received, in hex
 * @param idempotencyKey the request's {@code Idempotency-Key} header, if it had one
 */
record Reservation(long itemId, int bodyBytes, String bodySha256, @Nullable String idempotencyKey) {

}
