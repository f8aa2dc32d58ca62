/** Turns every failure at the edge into a JSON mesh error with a fitting status. */
package dev.outrigger.gateway.error;
