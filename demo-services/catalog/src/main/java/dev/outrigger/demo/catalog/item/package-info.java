/** The items the catalog sells and the HTTP API that lists them. */
package dev.outrigger.demo.catalog.item;
