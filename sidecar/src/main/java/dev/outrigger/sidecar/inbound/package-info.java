/** Inbound side: calls from the mesh to the local app. */
package dev.outrigger.sidecar.inbound;
