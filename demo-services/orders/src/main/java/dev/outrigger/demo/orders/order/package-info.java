/** Orders: the HTTP API that takes them, the rules they follow and the store that keeps them. */
package dev.outrigger.demo.orders.order;
