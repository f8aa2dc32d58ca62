/** How the gateway forwards a request's and an answer's headers to the next hop. */
package dev.outrigger.gateway.proxy;
