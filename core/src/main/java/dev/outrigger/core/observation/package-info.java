/** Keeps control-plane chatter (registry heartbeats, config polls, probes) out of traces. */
package dev.outrigger.core.observation;
