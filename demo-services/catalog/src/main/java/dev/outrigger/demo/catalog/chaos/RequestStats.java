package dev.outrigger.demo.catalog.chaos;

import java.util.Map;

/**
 * The requests the catalog received since it started, its own endpoints and health left out.
 *
 * @param requests how many requests arrived
 * @param byMethod how many arrived per HTTP method, e.g. {@code GET}
 */
record RequestStats(long requests, Map<String, Long> byMethod) {

}
