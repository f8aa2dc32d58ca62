package dev.outrigger.e2e.mesh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole mesh (registry, config server, Zipkin, gateway, demo apps and their sidecars),
 * started once by {@code ./mesh up --free-ports} as real processes over a private git copy of
 * the config repo, and stopped by {@code ./mesh down}.
 */
final class MeshPlatform implements AutoCloseable {

	private static final Duration UP_TIMEOUT = Duration.ofMinutes(6);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path root;

	private final Path runDir;

	private final ConfigRepo configRepo;

	private JsonNode state;

	private MeshPlatform(Path root, Path runDir, ConfigRepo configRepo) {
		this.root = root;
		this.runDir = runDir;
		this.configRepo = configRepo;
	}

	static MeshPlatform start() throws IOException, InterruptedException {
		Path root = Path.of("").toAbsolutePath().getParent();
		Path target = root.resolve("e2e/target");
		ConfigRepo repo = ConfigRepo.copyOf(root.resolve("config-repo"), target.resolve("e2e-config-repo"));
		MeshPlatform platform = new MeshPlatform(root, target.resolve("e2e-mesh"), repo);
		platform.mesh(UP_TIMEOUT, "up", "--free-ports", "--no-build", "--config-repo", repo.uri());
		platform.reloadState();
		return platform;
	}

	/** The private config repo the mesh follows. */
	ConfigRepo configRepo() {
		return this.configRepo;
	}

	/** Base URL of a component's port, e.g. {@code url("gateway", "http")}. */
	String url(String component, String port) {
		return "http://127.0.0.1:" + port(component, port);
	}

	int port(String component, String port) {
		JsonNode ports = component(component).path("ports").path(port);
		if (!ports.isInt()) {
			throw new IllegalStateException("no port '" + port + "' for " + component + " in " + this.state);
		}
		return ports.asInt();
	}

	long pid(String component) {
		return component(component).path("pid").asLong();
	}

	JsonNode component(String name) {
		for (JsonNode component : this.state.path("components")) {
			if (name.equals(component.path("name").asString())) {
				return component;
			}
		}
		throw new IllegalStateException("no component '" + name + "' in " + this.runDir.resolve("state.json"));
	}

	/** Runs {@code ./mesh <args> --run-dir <run dir>} and fails with its output if it fails. */
	String mesh(Duration timeout, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(this.root.resolve("mesh").toString()));
		command.addAll(List.of(args));
		command.addAll(List.of("--run-dir", this.runDir.toString()));
		Path output = Files.createTempFile("mesh-", ".log");
		Process process = new ProcessBuilder(command).directory(this.root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		boolean finished = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
		String printed = Files.readString(output);
		System.out.println("$ " + String.join(" ", command) + "\n" + printed);
		if (!finished) {
			process.destroyForcibly();
			throw new IllegalStateException("mesh " + args[0] + " did not finish within " + timeout);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException("mesh " + args[0] + " failed (" + process.exitValue() + "):\n" + printed);
		}
		reloadStateIfPresent();
		return printed;
	}

	private void reloadState() throws IOException {
		this.state = JSON.readTree(Files.readString(this.runDir.resolve("state.json")));
	}

	private void reloadStateIfPresent() throws IOException {
		if (Files.exists(this.runDir.resolve("state.json"))) {
			reloadState();
		}
	}

	@Override
	public void close() throws Exception {
		mesh(Duration.ofMinutes(2), "down");
	}

}
