/** The lean forwarding path shared by the inbound and outbound sides: headers, errors, spans. */
package dev.outrigger.sidecar.proxy;
