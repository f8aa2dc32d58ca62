/** Keeps the instance's registry status in step with the app's health and the sidecar's life. */
package dev.outrigger.sidecar.registration;
