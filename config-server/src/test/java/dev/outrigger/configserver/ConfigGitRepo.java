package dev.outrigger.configserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** A config repo for the tests: a git repo on branch {@code main} that files are written and committed to. */
final class ConfigGitRepo implements AutoCloseable {

	private static final PersonIdent OPERATOR = new PersonIdent("Operator", "operator@outrigger.dev");

	private final Path dir;

	private final Git git;

	private ConfigGitRepo(Path dir, Git git) {
		this.dir = dir;
		this.git = git;
	}

	static ConfigGitRepo init(Path dir) throws IOException, GitAPIException {
		Files.createDirectories(dir);
		return new ConfigGitRepo(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
	}

	/** The repo as the config server is given it. */
	String uri() {
		return this.dir.toUri().toString();
	}

	/** A file of the working tree. */
	Path file(String name) {
		return this.dir.resolve(name);
	}

	/** Writes one file of the working tree, not committed. */
	void write(String name, String content) throws IOException {
		Files.writeString(file(name), content);
	}

	/** Commits everything in the working tree; returns the commit id. */
	synchronized String commit(String message) throws GitAPIException {
		this.git.add().addFilepattern(".").call();
		return this.git.commit().setMessage(message).setAuthor(OPERATOR).setCommitter(OPERATOR).call().getName();
	}

	/** The id of the branch's head commit. */
	String head() {
		try {
			return this.git.getRepository().resolve("HEAD").getName();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.git.close();
	}

}
