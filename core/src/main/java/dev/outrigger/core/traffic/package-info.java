/**
 * The traffic policy shared by the gateway and the sidecar (splits, match rules, faults,
 * mirroring, rate limits, header and path rewrites) and the small engines that apply it.
 */
package dev.outrigger.core.traffic;
