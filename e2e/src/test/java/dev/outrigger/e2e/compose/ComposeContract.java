package dev.outrigger.e2e.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;

import tools.jackson.databind.JsonNode;

/**
 * The rules {@code docker-compose.yml} keeps beyond the schema: images built from real modules,
 * one sidecar per app sharing its network namespace, health-gated start order, only the edge
 * and the UIs published, the environment the jars read, and a memory limit everywhere.
 */
final class ComposeContract {

	static final String JAVA_DOCKERFILE = "docker/Dockerfile";

	static final String PAYMENTS_DOCKERFILE = "docker/payments.Dockerfile";

	/** Host ports a service may publish: the edge and the two UIs. */
	static final Map<String, String> PUBLISHED = Map.of("gateway", "8080", "registry", "8761", "zipkin", "9411");

	private static final Set<String> MESH_CLIENT = Set.of("CONFIG_SERVER_URL", "EUREKA_URL", "ZIPKIN_URL");

	/** Environment each kind of service reads, by the Maven module its image is built from. */
	static final Map<String, Set<String>> ENVIRONMENT = Map.of("registry", Set.of("SERVER_PORT"), "config-server",
			Set.of("SERVER_PORT", "OUTRIGGER_CONFIG_REPO"), "zipkin", Set.of("QUERY_PORT"), "gateway",
			union(MESH_CLIENT, Set.of("SERVER_PORT")), "sidecar",
			union(MESH_CLIENT,
					Set.of("SERVER_PORT", "OUTRIGGER_SIDECAR_SERVICE", "OUTRIGGER_SIDECAR_APP_PORT",
							"OUTRIGGER_SIDECAR_APP_HEALTH_PATH", "OUTRIGGER_SIDECAR_INBOUND_PORT",
							"OUTRIGGER_SIDECAR_OUTBOUND_PORT", "OUTRIGGER_SIDECAR_VERSION", "OUTRIGGER_SIDECAR_ZONE",
							"OUTRIGGER_SIDECAR_ADVERTISE_HOST")),
			"demo-services/catalog", Set.of("SERVER_PORT", "CATALOG_VERSION"), "demo-services/orders",
			Set.of("SERVER_PORT", "HTTP_PROXY"), "payments", Set.of("PORT"));

	/** Kinds that are demo apps, each of which runs with a sidecar in its network namespace. */
	static final Set<String> APPS = Set.of("demo-services/catalog", "demo-services/orders", "payments");

	private final Path root;

	ComposeContract(Path root) {
		this.root = root;
	}

	/**
	 * Returns one line per broken rule, naming the service; empty when all rules hold.
	 */
	List<String> problems(JsonNode compose) {
		JsonNode services = compose.path("services");
		List<String> problems = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : services.properties()) {
			String name = entry.getKey();
			JsonNode service = entry.getValue();
			String kind = kind(service);
			if (kind == null) {
				problems.add(name + ": cannot tell what it runs (no MODULE build arg, payments Dockerfile or zipkin image)");
				continue;
			}
			checkBuild(name, service, problems);
			checkHealthcheck(name, service, problems);
			checkMemoryLimit(name, service, problems);
			checkPublishedPorts(name, service, problems);
			checkEnvironment(name, kind, service, problems);
			checkDependsOn(name, service, services, problems);
			if (kind.equals("sidecar")) {
				checkSidecar(name, service, services, problems);
			}
		}
		checkEveryAppHasOneSidecar(services, problems);
		return problems;
	}

	/** The module an image is built from, "payments", "zipkin", or null when unknown. */
	static String kind(JsonNode service) {
		JsonNode build = service.path("build");
		if (build.path("args").has("MODULE")) {
			return build.path("args").path("MODULE").asString();
		}
		if (PAYMENTS_DOCKERFILE.equals(build.path("dockerfile").asString(null))) {
			return "payments";
		}
		return service.path("image").asString("").startsWith("openzipkin/zipkin:") ? "zipkin" : null;
	}

	private static boolean isApp(JsonNode service) {
		String kind = kind(service);
		return kind != null && APPS.contains(kind);
	}

	private void checkBuild(String name, JsonNode service, List<String> problems) {
		JsonNode build = service.path("build");
		if (build.isMissingNode()) {
			return;
		}
		Path context = this.root.resolve(build.path("context").asString("."));
		String dockerfile = build.path("dockerfile").asString("Dockerfile");
		if (!Files.isRegularFile(context.resolve(dockerfile))) {
			problems.add(name + ": dockerfile " + dockerfile + " does not exist in build context " + context);
		}
		if (JAVA_DOCKERFILE.equals(dockerfile)) {
			checkModuleAndJar(name, context, build.path("args"), problems);
		}
	}

	private void checkModuleAndJar(String name, Path context, JsonNode args, List<String> problems) {
		String module = args.path("MODULE").asString("");
		String jar = args.path("JAR").asString("");
		Path pom = context.resolve(module).resolve("pom.xml");
		if (module.isEmpty() || !Files.isRegularFile(pom)) {
			problems.add(name + ": build arg MODULE '" + module + "' is not a Maven module (no " + pom + ")");
			return;
		}
		String expected = finalName(pom) + ".jar";
		if (!expected.equals(jar)) {
			problems.add(name + ": build arg JAR '" + jar + "' but module " + module + " packages " + expected);
		}
	}

	private static String finalName(Path pom) {
		try {
			var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
			String name = XPathFactory.newInstance().newXPath().evaluate("/project/build/finalName", document);
			return name.isBlank() ? "(no <finalName> in " + pom + ")" : name.trim();
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot read " + pom, ex);
		}
	}

	private static void checkHealthcheck(String name, JsonNode service, List<String> problems) {
		if (!hasHealthcheck(service)) {
			problems.add(name + ": has no healthcheck test");
		}
	}

	private static boolean hasHealthcheck(JsonNode service) {
		JsonNode healthcheck = service.path("healthcheck");
		return !healthcheck.path("test").isMissingNode() && !healthcheck.path("disable").asBoolean(false);
	}

	private static void checkMemoryLimit(String name, JsonNode service, List<String> problems) {
		JsonNode limit = service.path("deploy").path("resources").path("limits").path("memory");
		if (limit.isMissingNode() && service.path("mem_limit").isMissingNode()) {
			problems.add(name + ": has no memory limit (deploy.resources.limits.memory or mem_limit)");
		}
	}

	private static void checkPublishedPorts(String name, JsonNode service, List<String> problems) {
		for (JsonNode port : service.path("ports")) {
			String published = hostPort(port);
			if (!published.equals(PUBLISHED.get(name))) {
				problems.add(name + ": publishes host port " + published + " (" + port
						+ "); only gateway 8080 and the UIs (registry 8761, zipkin 9411) may be published");
			}
		}
	}

	/** The host side of a port mapping in short ("8080:8080") or long syntax. */
	static String hostPort(JsonNode port) {
		if (port.isObject()) {
			return port.path("published").asString("random");
		}
		String[] parts = port.asString().split("/")[0].split(":");
		return (parts.length < 2) ? "random" : parts[parts.length - 2];
	}

	private static void checkEnvironment(String name, String kind, JsonNode service, List<String> problems) {
		Set<String> allowed = ENVIRONMENT.getOrDefault(kind, Set.of());
		for (String variable : environment(service).keySet()) {
			if (!allowed.contains(variable)) {
				problems.add(name + ": sets " + variable + ", which " + kind + " does not read (it reads "
						+ allowed.stream().sorted().toList() + ")");
			}
		}
	}

	/** The environment of a service, in map or list ("NAME=value") syntax. */
	static Map<String, String> environment(JsonNode service) {
		JsonNode environment = service.path("environment");
		Map<String, String> variables = new LinkedHashMap<>();
		if (environment.isObject()) {
			environment.properties().forEach((entry) -> variables.put(entry.getKey(), entry.getValue().asString()));
		}
		for (JsonNode item : environment.isArray() ? environment : List.<JsonNode>of()) {
			String[] pair = item.asString().split("=", 2);
			variables.put(pair[0], (pair.length > 1) ? pair[1] : "");
		}
		return variables;
	}

	private static void checkDependsOn(String name, JsonNode service, JsonNode services, List<String> problems) {
		JsonNode dependsOn = service.path("depends_on");
		if (dependsOn.isArray()) {
			problems.add(name + ": depends_on is a list, so it waits for start, not health; use condition: service_healthy");
			return;
		}
		for (Map.Entry<String, JsonNode> dependency : dependsOn.properties()) {
			String target = dependency.getKey();
			if (!services.has(target)) {
				problems.add(name + ": depends on " + target + ", which is not a service");
			}
			else if (!hasHealthcheck(services.path(target))) {
				problems.add(name + ": depends on " + target + ", which has no healthcheck");
			}
			if (!"service_healthy".equals(dependency.getValue().path("condition").asString(null))) {
				problems.add(name + ": depends on " + target + " without condition: service_healthy");
			}
		}
	}

	private static void checkSidecar(String name, JsonNode sidecar, JsonNode services, List<String> problems) {
		String networkMode = sidecar.path("network_mode").asString("");
		String app = networkMode.startsWith("service:") ? networkMode.substring("service:".length()) : null;
		if (app == null || !isApp(services.path(app))) {
			problems.add(name + ": network_mode '" + networkMode + "' must be service:<an app service>");
			return;
		}
		Map<String, String> env = environment(sidecar);
		Map<String, String> appEnv = environment(services.path(app));
		String appPort = appEnv.getOrDefault("SERVER_PORT", appEnv.get("PORT"));
		expect(name, "OUTRIGGER_SIDECAR_SERVICE", env, app, problems);
		expect(name, "OUTRIGGER_SIDECAR_ADVERTISE_HOST", env, app, problems);
		expect(name, "OUTRIGGER_SIDECAR_APP_PORT", env, appPort, problems);
	}

	private static void expect(String name, String variable, Map<String, String> env, String expected,
			List<String> problems) {
		if (!String.valueOf(expected).equals(env.get(variable))) {
			problems.add(name + ": " + variable + " is '" + env.get(variable) + "', expected '" + expected + "'");
		}
	}

	private static void checkEveryAppHasOneSidecar(JsonNode services, List<String> problems) {
		for (Map.Entry<String, JsonNode> entry : services.properties()) {
			if (!isApp(entry.getValue())) {
				continue;
			}
			long sidecars = services.values()
				.stream()
				.filter((service) -> ("service:" + entry.getKey()).equals(service.path("network_mode").asString("")))
				.count();
			if (sidecars != 1) {
				problems.add(entry.getKey() + ": has " + sidecars + " sidecars sharing its network namespace, expected 1");
			}
		}
	}

	private static Set<String> union(Set<String> first, Set<String> second) {
		Set<String> union = new java.util.HashSet<>(first);
		union.addAll(second);
		return Set.copyOf(union);
	}

}
