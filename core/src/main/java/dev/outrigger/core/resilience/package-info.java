/**
 * Resilience rules shared by the gateway and the sidecar: which failed requests may be tried
 * again, the retry budget, backoff, deadline propagation and per-instance outlier ejection.
 */
package dev.outrigger.core.resilience;
