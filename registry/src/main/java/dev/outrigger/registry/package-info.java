/** The mesh's service registry: a Eureka server tuned to propagate changes within seconds. */
package dev.outrigger.registry;
