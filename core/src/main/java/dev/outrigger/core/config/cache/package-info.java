/** Keeps the config server's last answer on disk and starts from it when the server is unreachable. */
package dev.outrigger.core.config.cache;
