package dev.outrigger.configserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.outrigger.configserver.source.RepoSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConfigRepoLocationTests {

	@ParameterizedTest
	@ValueSource(strings = { "http://git.example/mesh/config.git", "https://github.com/acme/config",
			"ssh://git@git.example/config.git", "git://git.example/config.git", "git@github.com:acme/config.git",
			"file:///srv/config-repo", "file:/srv/config-repo" })
	void picksGitForEveryGitUriPrefix(String uri) {
		ConfigRepoLocation location = ConfigRepoLocation.parse(uri);

		assertThat(location.git()).isTrue();
		assertThat(location.value()).isEqualTo(uri);
	}

	@Test
	void readsPrefixesWhateverTheirCase() {
		assertThat(ConfigRepoLocation.parse("HTTPS://GitHub.com/Acme/Config").git()).isTrue();
		assertThat(ConfigRepoLocation.parse("File:///srv/repo").git()).isTrue();
	}

	@Test
	void keepsTheUriAsGivenButTrimmed() {
		assertThat(ConfigRepoLocation.parse("  https://GitHub.com/Acme/Config \n").value())
			.isEqualTo("https://GitHub.com/Acme/Config");
	}

	@ParameterizedTest
	@ValueSource(strings = { "./config-repo", "/srv/config-repo", "../config-repo", "config-repo",
			"C:\\mesh\\config-repo", "httpdocs/config" })
	void picksNativeForAFolder(String folder) {
		ConfigRepoLocation location = ConfigRepoLocation.parse(folder);

		assertThat(location.git()).isFalse();
		assertThat(location.value()).isEqualTo(folder);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "\t" })
	void fallsBackToTheBundledFolderWhenBlank(String blank) {
		assertThat(ConfigRepoLocation.parse(blank)).isEqualTo(new ConfigRepoLocation("./config-repo", false));
	}

	@Test
	void fallsBackToTheBundledFolderWhenUnset() {
		assertThat(ConfigRepoLocation.parse(null)).isEqualTo(new ConfigRepoLocation(ConfigRepoLocation.DEFAULT, false));
	}

	@Test
	void readsARemoteGitRepoThroughAMirror(@TempDir Path mirror) {
		RepoSource source = ConfigRepoLocation.parse("https://github.com/acme/config").source("main", mirror);

		assertThat(source.local()).isFalse();
		assertThat(source.describe()).isEqualTo("git https://github.com/acme/config (main)");
	}

	@Test
	void readsALocalGitRepoInPlace(@TempDir Path repo) {
		RepoSource source = ConfigRepoLocation.parse(repo.toUri().toString()).source("main", repo.resolve("m"));

		assertThat(source.local()).isTrue();
		assertThat(source.describe()).isEqualTo("git " + repo.toUri() + " (main)");
	}

	@Test
	void refusesAMissingLocalGitRepo(@TempDir Path parent) {
		Path missing = parent.resolve("gone.git");
		ConfigRepoLocation location = ConfigRepoLocation.parse(missing.toUri().toString());

		assertThatIllegalArgumentException().isThrownBy(() -> location.source("main", parent))
			.withMessage("OUTRIGGER_CONFIG_REPO=" + missing.toUri() + ": no such git repo folder (" + missing + ")");
	}

	@Test
	void refusesALocalGitUriWithAHost(@TempDir Path parent) {
		ConfigRepoLocation location = ConfigRepoLocation.parse("file://server/srv/repo");

		assertThatIllegalArgumentException().isThrownBy(() -> location.source("main", parent))
			.withMessageStartingWith("OUTRIGGER_CONFIG_REPO=file://server/srv/repo: not a local git URI (")
			.withMessageEndingWith("); write it as file:///path/to/repo");
	}

	@Test
	void readsAFolderByItsAbsolutePath(@TempDir Path folder) {
		String relative = Path.of("").toAbsolutePath().relativize(folder).toString();

		assertThat(ConfigRepoLocation.parse(relative).source("main", folder).describe()).isEqualTo("folder " + folder);
	}

	@Test
	void refusesAMissingFolderSayingWhatToSet(@TempDir Path parent) {
		Path missing = parent.resolve("no-such-repo");
		ConfigRepoLocation location = ConfigRepoLocation.parse(missing.toString());

		assertThatIllegalArgumentException().isThrownBy(() -> location.source("main", parent))
			.withMessage("OUTRIGGER_CONFIG_REPO=" + missing + ": no such folder (" + missing
					+ "); set it to the config repo folder or to a git URI such as file:///path/to/repo");
	}

	@Test
	void refusesAFileThatIsNotAFolder(@TempDir Path parent) throws IOException {
		Path file = Files.writeString(parent.resolve("application.yml"), "a: 1");

		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConfigRepoLocation.parse(file.toString()).source("main", parent))
			.withMessageContaining("no such folder");
	}

}
