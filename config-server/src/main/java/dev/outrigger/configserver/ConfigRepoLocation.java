package dev.outrigger.configserver;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import dev.outrigger.configserver.source.FolderSource;
import dev.outrigger.configserver.source.GitSource;
import dev.outrigger.configserver.source.RepoSource;

/**
 * Where the config repo lives, from one setting: a git URI (a revision per commit of the
 * branch) or a folder (a revision per saved state).
 *
 * @param value the location as given
 * @param git whether it is a git repo
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

	/**
	 * The source that reads this location.
	 * @param branch the git branch to serve
	 * @param mirror where a remote repo is mirrored
	 */
	RepoSource source(String branch, Path mirror) {
		if (!this.git) {
			Path folder = Path.of(this.value).toAbsolutePath().normalize();
			if (!Files.isDirectory(folder)) {
				throw new IllegalArgumentException(ENV + "=" + this.value + ": no such folder (" + folder
						+ "); set it to the config repo folder or to a git URI such as file:///path/to/repo");
			}
			return new FolderSource(folder);
		}
		if (!this.value.toLowerCase(Locale.ROOT).startsWith("file:")) {
			return GitSource.remote(this.value, branch, mirror, System.getenv("OUTRIGGER_CONFIG_REPO_USERNAME"),
					System.getenv("OUTRIGGER_CONFIG_REPO_PASSWORD"));
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
		return GitSource.local(this.value, repo, branch);
	}

}
