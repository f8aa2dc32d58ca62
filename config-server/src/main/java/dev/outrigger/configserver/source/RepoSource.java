package dev.outrigger.configserver.source;

import java.io.IOException;

/** Where the config repo comes from: a folder, or a branch of a git repo. */
public interface RepoSource extends AutoCloseable {

	/** Reads the repo's current state (for git: the head of the branch, fetched first if remote). */
	Revision read() throws IOException;

	/** What this source reads, for logs and health, e.g. {@code git file:///srv/config (main)}. */
	String describe();

	/** Whether reading is cheap enough to do several times a second (a local folder or repo). */
	boolean local();

	@Override
	default void close() {
	}

}
