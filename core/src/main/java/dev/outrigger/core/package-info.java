/**
 * Code shared by the edge gateway and the sidecar: error model, config watching, observation
 * filters, resilience rules and the traffic policy.
 */
package dev.outrigger.core;
