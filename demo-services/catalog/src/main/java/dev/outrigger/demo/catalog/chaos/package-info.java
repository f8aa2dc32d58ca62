/**
 * Test hooks, off unless {@code catalog.chaos.enabled=true}: slow or failing answers on demand
 * and a count of the requests received, for the mesh's resilience tests.
 */
package dev.outrigger.demo.catalog.chaos;
