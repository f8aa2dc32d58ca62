/** End-to-end tests of the whole mesh, started once by the launcher as real processes. */
package dev.outrigger.e2e.mesh;
