/** The JSON error answered by every mesh component when it refuses or fails a request. */
package dev.outrigger.core.error;
