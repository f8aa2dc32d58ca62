/** Turns every failure, from a bad id to an unknown path, into a JSON error body. */
package dev.outrigger.demo.catalog.error;
