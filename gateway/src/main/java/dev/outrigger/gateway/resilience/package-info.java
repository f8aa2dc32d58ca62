/**
 * The edge's share of the mesh's resilience policy: instance choice with outlier ejection,
 * retries within a budget and the route's one deadline, concurrency limits per route.
 */
package dev.outrigger.gateway.resilience;
