/** The mesh's config server: serves the config repo to the gateway and every sidecar. */
package dev.outrigger.configserver;
