/** Follows the config server and refreshes the running context when the served config changes. */
package dev.outrigger.core.config;
