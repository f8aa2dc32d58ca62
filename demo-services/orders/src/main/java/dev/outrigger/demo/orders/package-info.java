/** The orders demo service, which reaches its dependencies only through its sidecar. */
package dev.outrigger.demo.orders;
