/**
 * The edge's share of the mesh's traffic policy, read from route metadata: version splits and
 * match rules, faults, mirroring, rate limits (local or shared through Redis), header and path
 * rules.
 */
package dev.outrigger.gateway.traffic;
