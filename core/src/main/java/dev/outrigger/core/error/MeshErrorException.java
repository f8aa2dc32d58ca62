package dev.outrigger.core.error;

/** A refusal decided by the mesh itself, carrying the {@link MeshError} that answers it. */
public final class MeshErrorException extends RuntimeException {

	private final transient MeshError error;

	public MeshErrorException(MeshError error) {
		super(error.message(), null, false, false);
		this.error = error;
	}

	/** The error that answers the request. */
	public MeshError error() {
		return this.error;
	}

}
