package dev.outrigger.configserver;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.SpringApplication;

/**
 * Where the config repo lives, from one setting: a git URI selects the git backend (changes
 * apply on commit), a folder selects the native backend (changes apply on save).
 *
 * @param value the location as given
 * @param git whether it is a git remote
 */
record ConfigRepoLocation(String value, boolean git) {

	/** Environment variable that names the config repo. */
	static final String ENV = "OUTRIGGER_CONFIG_REPO";

	/** The bundled config repo, relative to the working directory. */
	static final String DEFAULT = "./config-repo";

	private static final String[] GIT_PREFIXES = { "http://", "https://", "ssh://", "git://", "git@", "file:" };

	static ConfigRepoLocation parse(String value) {
		String location = (value == null || value.isBlank()) ? DEFAULT : value.trim();
		String lower = location.toLowerCase(Locale.ROOT);
		for (String prefix : GIT_PREFIXES) {
			if (lower.startsWith(prefix)) {
				return new ConfigRepoLocation(location, true);
			}
		}
		return new ConfigRepoLocation(location, false);
	}

	/** Spring properties that select and point the matching backend. */
	Map<String, Object> properties() {
		if (this.git) {
			return Map.of("spring.profiles.active", "git", "spring.cloud.config.server.git.uri", gitUri());
		}
		Path folder = Path.of(this.value).toAbsolutePath().normalize();
		if (!Files.isDirectory(folder)) {
			throw new IllegalArgumentException(ENV + "=" + this.value + ": no such folder (" + folder
					+ "); set it to the config repo folder or to a git URI such as file:///path/to/repo");
		}
		return Map.of("spring.profiles.active", "native", "spring.cloud.config.server.native.search-locations",
				folder.toUri().toString());
	}

	// Spring Cloud Config serves a file: URI straight from that working tree, so saved but
	// uncommitted edits would go live; a plain path is cloned like any remote and only
	// commits are served, as for every other git URI.
	private String gitUri() {
		if (!this.value.toLowerCase(Locale.ROOT).startsWith("file:")) {
			return this.value;
		}
		Path repo;
		try {
			repo = Path.of(URI.create(this.value)).normalize();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(ENV + "=" + this.value + ": not a local git URI (" + ex.getMessage()
					+ "); write it as file:///path/to/repo", ex);
		}
		if (!Files.isDirectory(repo)) {
			throw new IllegalArgumentException(ENV + "=" + this.value + ": no such git repo folder (" + repo + ")");
		}
		return repo.toString();
	}

	void applyTo(SpringApplication application) {
		application.setDefaultProperties(properties());
	}

}
