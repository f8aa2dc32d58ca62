/** The per-instance sidecar: inbound proxy, outbound proxy and registry membership of one app. */
package dev.outrigger.sidecar;
