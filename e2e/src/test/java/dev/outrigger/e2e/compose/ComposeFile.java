package dev.outrigger.e2e.compose;

import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The repository's {@code docker-compose.yml}, read as a JSON tree.
 */
final class ComposeFile {

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private ComposeFile() {
	}

	/**
	 * Returns the repository root: the nearest directory up from here holding the compose file.
	 */
	static Path repositoryRoot() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("mvnw"))) {
				return dir;
			}
		}
		throw new IllegalStateException("no docker-compose.yml next to mvnw above " + Path.of("").toAbsolutePath());
	}

	static JsonNode read() {
		return YAML.readTree(repositoryRoot().resolve("docker-compose.yml"));
	}

	static JsonNode parse(String yaml) {
		return YAML.readTree(yaml);
	}

}
