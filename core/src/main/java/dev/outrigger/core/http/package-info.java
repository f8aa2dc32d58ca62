/** HTTP rules shared by the gateway and the sidecar where they forward requests. */
package dev.outrigger.core.http;
