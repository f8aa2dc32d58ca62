package dev.outrigger.e2e.mesh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * The whole mesh (registry, config server, Zipkin, gateway, demo apps and their sidecars, two
 * catalog instances, catalog-2 labelled version v2), started once by {@code ./mesh up --free-ports} as real processes over a
 * private git copy of the config repo, and stopped by {@code ./mesh down}. The catalog apps run
 * with their chaos hooks on ({@code CATALOG_CHAOS_ENABLED}, passed down by the launcher).
 */
final class MeshPlatform implements AutoCloseable {

	/** Instances of each catalog: enough to lose one. */
	static final int CATALOG_REPLICAS = 2;

	private static final Duration UP_TIMEOUT = Duration.ofMinutes(6);

	// A JVM stopped for the first time records its class-data archive as it exits (~45 s grace).
	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

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
		// whatever an aborted earlier run left running in this run directory goes first
		platform.mesh(STOP_TIMEOUT, "down");
		try {
			platform.mesh(UP_TIMEOUT, "up", "--free-ports", "--no-build", "--replicas", "catalog=" + CATALOG_REPLICAS,
					"--set-version", "catalog-2=v2", "--config-repo", repo.uri());
		}
		catch (IllegalStateException ex) {
			// a mesh that did not come up is not left running for the next run to trip over
			platform.mesh(STOP_TIMEOUT, "down");
			throw ex;
		}
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

	/** Names of the recorded components, e.g. {@code catalog-2-sidecar}. */
	List<String> componentNames() {
		List<String> names = new ArrayList<>();
		this.state.path("components").forEach((component) -> names.add(component.path("name").asString()));
		return names;
	}

	/** Names of the catalog app instances, {@code catalog-1} and so on. */
	List<String> catalogInstances() {
		List<String> names = new ArrayList<>();
		for (int i = 1; i <= CATALOG_REPLICAS; i++) {
			names.add("catalog-" + i);
		}
		return names;
	}

	/** Whether the recorded process of a component still runs. */
	boolean isRunning(String name) {
		long pid = pid(name);
		return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	/** Sends SIGKILL to components, as a crash would: {@code ./mesh stop --kill}. */
	void kill(String... names) throws IOException, InterruptedException {
		mesh(STOP_TIMEOUT, concat(new String[] { "stop", "--kill" }, names));
	}

	/** Stops components with SIGTERM and waits for them to exit: {@code ./mesh stop}. */
	void stop(String... names) throws IOException, InterruptedException {
		mesh(STOP_TIMEOUT, concat(new String[] { "stop" }, names));
	}

	/** Starts stopped components and waits until they are healthy: {@code ./mesh start}. */
	void start(String... names) throws IOException, InterruptedException {
		mesh(START_TIMEOUT, concat(new String[] { "start" }, names));
	}

	/** Every component as {@code ./mesh status --json} sees it: alive, health, Eureka status. */
	JsonNode status() throws IOException, InterruptedException {
		String printed = run(Duration.ofSeconds(30), false, "status", "--json");
		return JSON.readTree(printed).path("components");
	}

	/**
	 * Waits until components follow a config repo commit: their config watcher logs
	 * {@code Config changed <old> -> <commit>} when it has refreshed to it.
	 */
	void awaitConfig(String commit, String... names) {
		long start = System.nanoTime();
		for (String name : names) {
			await("'" + name + "' to follow config commit " + commit).atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> new String(Files.readAllBytes(log(name)), StandardCharsets.UTF_8).contains("-> " + commit));
		}
		System.out.printf("Config %s followed by %s after %d ms%n", commit.substring(0, 8), String.join(", ", names),
				(System.nanoTime() - start) / 1_000_000);
	}

	/** The log file of a component. */
	Path log(String name) {
		return Path.of(component(name).path("log").asString());
	}

	private static String[] concat(String[] first, String[] second) {
		String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
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
		return run(timeout, true, args);
	}

	private String run(Duration timeout, boolean print, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(this.root.resolve("mesh").toString()));
		command.addAll(List.of(args));
		command.addAll(List.of("--run-dir", this.runDir.toString()));
		Path output = Files.createTempFile("mesh-", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		// inherited by every process the launcher starts; only the catalog reads it
		builder.environment().put("CATALOG_CHAOS_ENABLED", "true");
		long start = System.nanoTime();
		Process process = builder.start();
		boolean finished = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
		String printed = Files.readString(output);
		Files.deleteIfExists(output);
		if (print) {
			System.out.printf("$ %s   (%d ms)%n%s%n", String.join(" ", command), (System.nanoTime() - start) / 1_000_000,
					printed);
		}
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
