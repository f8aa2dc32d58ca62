/** Settings of the sidecar and their live reload from the config repo. */
package dev.outrigger.sidecar.config;
