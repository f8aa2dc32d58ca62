/** Turns every failure, from malformed JSON to an unknown path, into a JSON error body. */
package dev.outrigger.demo.orders.error;
