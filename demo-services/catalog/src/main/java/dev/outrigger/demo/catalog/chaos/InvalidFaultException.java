package dev.outrigger.demo.catalog.chaos;

/**
 * Thrown when a requested fault breaks the rules for one.
 */
class InvalidFaultException extends RuntimeException {

	InvalidFaultException(String problems) {
		super(problems);
	}

}
