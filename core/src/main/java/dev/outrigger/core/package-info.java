/** Code shared by the edge gateway and the sidecar: error model, config watching, observation filters. */
package dev.outrigger.core;
