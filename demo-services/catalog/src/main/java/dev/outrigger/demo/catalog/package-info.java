/** The catalog demo service, which knows nothing of the mesh around it. */
package dev.outrigger.demo.catalog;
