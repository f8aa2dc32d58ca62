package dev.outrigger.e2e.mesh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A private git copy of the bundled config repo that tests edit and commit to. */
final class ConfigRepo {

	private final Path dir;

	private final Map<String, String> initial = new TreeMap<>();

	private ConfigRepo(Path dir) {
		this.dir = dir;
	}

	static ConfigRepo copyOf(Path source, Path dir) throws IOException, InterruptedException {
		deleteRecursively(dir);
		Files.createDirectories(dir);
		try (Stream<Path> files = Files.list(source)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Files.copy(file, dir.resolve(file.getFileName()));
			}
		}
		ConfigRepo repo = new ConfigRepo(dir);
		try (Stream<Path> files = Files.list(dir)) {
			for (Path file : files.toList()) {
				repo.initial.put(file.getFileName().toString(), Files.readString(file));
			}
		}
		repo.git("init", "-q", "-b", "main");
		repo.commitAll("config repo for the end-to-end tests");
		return repo;
	}

	/** The repo as a git URI for the config server. */
	String uri() {
		return this.dir.toUri().toString();
	}

	/** Rewrites one file with {@code edit} applied to its content, commits it, and returns the commit id. */
	String edit(String file, java.util.function.UnaryOperator<String> edit, String message)
			throws IOException, InterruptedException {
		String before = read(file);
		String after = edit.apply(before);
		if (after.equals(before)) {
			throw new IllegalArgumentException("the edit changes nothing in " + file);
		}
		return write(file, after, message);
	}

	/** The current content of one file. */
	String read(String file) throws IOException {
		return Files.readString(this.dir.resolve(file));
	}

	/** Writes one file, commits it, and returns the commit id. */
	String write(String file, String content, String message) throws IOException, InterruptedException {
		Files.writeString(this.dir.resolve(file), content);
		commitAll(message);
		return git("rev-parse", "HEAD").trim();
	}

	/**
	 * Puts back every file a test changed, in one commit.
	 * @return the commit id, or {@code null} if nothing had changed
	 */
	String restoreInitial() throws IOException, InterruptedException {
		boolean changed = false;
		for (Map.Entry<String, String> file : this.initial.entrySet()) {
			if (!read(file.getKey()).equals(file.getValue())) {
				Files.writeString(this.dir.resolve(file.getKey()), file.getValue());
				changed = true;
			}
		}
		if (!changed) {
			return null;
		}
		commitAll("restore the config repo");
		return git("rev-parse", "HEAD").trim();
	}

	private void commitAll(String message) throws IOException, InterruptedException {
		git("add", "-A");
		git("-c", "user.name=e2e", "-c", "user.email=e2e@outrigger.dev", "commit", "-q", "-m", message);
	}

	private String git(String... args) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(List.of("git", "-C", this.dir.toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
		}
		return output;
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
