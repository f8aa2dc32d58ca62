/** Outbound calls to catalog and payments, routed through the sidecar and carrying the trace. */
package dev.outrigger.demo.orders.outbound;
