package dev.outrigger.core.config.cache;

/** A cache file that cannot be used: unreadable, not what this app wrote, or for another config. */
final class InvalidConfigCacheException extends Exception {

	InvalidConfigCacheException(String message) {
		super(message);
	}

	InvalidConfigCacheException(String message, Throwable cause) {
		super(message, cause);
	}

}
