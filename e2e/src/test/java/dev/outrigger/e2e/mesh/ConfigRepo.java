package dev.outrigger.e2e.mesh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A private git copy of the bundled config repo that tests edit and commit to. */
final class ConfigRepo {

	private final Path dir;

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
		repo.git("init", "-q", "-b", "main");
		repo.commitAll("config repo for the end-to-end tests");
		return repo;
	}

	/** The repo as a git URI for the config server. */
	String uri() {
		return this.dir.toUri().toString();
	}

	/** Rewrites one file with {@code edit} applied to its content, and commits it. */
	void edit(String file, java.util.function.UnaryOperator<String> edit, String message)
			throws IOException, InterruptedException {
		Path path = this.dir.resolve(file);
		String before = Files.readString(path);
		String after = edit.apply(before);
		if (after.equals(before)) {
			throw new IllegalArgumentException("the edit changes nothing in " + file);
		}
		Files.writeString(path, after);
		commitAll(message);
	}

	private void commitAll(String message) throws IOException, InterruptedException {
		git("add", "-A");
		git("-c", "user.name=e2e", "-c", "user.email=e2e@outrigger.dev", "commit", "-q", "-m", message);
	}

	private void git(String... args) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(List.of("git", "-C", this.dir.toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
		}
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
