/** Outbound side: calls from the local app to other services of the mesh. */
package dev.outrigger.sidecar.outbound;
