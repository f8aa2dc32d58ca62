package dev.outrigger.configserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

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
	void pointsTheGitBackendAtTheUri() {
		assertThat(ConfigRepoLocation.parse("https://github.com/acme/config").properties()).containsOnly(
				entry("spring.profiles.active", "git"),
				entry("spring.cloud.config.server.git.uri", "https://github.com/acme/config"));
	}

	@Test
	void hasALocalGitRepoClonedFromItsPathSoOnlyCommitsAreServed(@TempDir Path repo) {
		assertThat(ConfigRepoLocation.parse(repo.toUri().toString()).properties()).containsOnly(
				entry("spring.profiles.active", "git"), entry("spring.cloud.config.server.git.uri", repo.toString()));
	}

	@Test
	void refusesAMissingLocalGitRepo(@TempDir Path parent) {
		Path missing = parent.resolve("gone.git");
		ConfigRepoLocation location = ConfigRepoLocation.parse(missing.toUri().toString());

		assertThatIllegalArgumentException().isThrownBy(location::properties)
			.withMessage("OUTRIGGER_CONFIG_REPO=" + missing.toUri() + ": no such git repo folder (" + missing + ")");
	}

	@Test
	void refusesALocalGitUriWithAHost() {
		ConfigRepoLocation location = ConfigRepoLocation.parse("file://server/srv/repo");

		assertThatIllegalArgumentException().isThrownBy(location::properties)
			.withMessageStartingWith("OUTRIGGER_CONFIG_REPO=file://server/srv/repo: not a local git URI (")
			.withMessageEndingWith("); write it as file:///path/to/repo");
	}

	@Test
	void pointsTheNativeBackendAtTheFoldersAbsoluteUri(@TempDir Path folder) {
		String relative = Path.of("").toAbsolutePath().relativize(folder).toString();

		assertThat(ConfigRepoLocation.parse(relative).properties()).containsOnly(
				entry("spring.profiles.active", "native"),
				entry("spring.cloud.config.server.native.search-locations", folder.toUri().toString()));
	}

	@Test
	void refusesAMissingFolderSayingWhatToSet(@TempDir Path parent) {
		Path missing = parent.resolve("no-such-repo");
		ConfigRepoLocation location = ConfigRepoLocation.parse(missing.toString());

		assertThatIllegalArgumentException().isThrownBy(location::properties)
			.withMessage("OUTRIGGER_CONFIG_REPO=" + missing + ": no such folder (" + missing
					+ "); set it to the config repo folder or to a git URI such as file:///path/to/repo");
	}

	@Test
	void refusesAFileThatIsNotAFolder(@TempDir Path parent) throws IOException {
		Path file = Files.writeString(parent.resolve("application.yml"), "a: 1");

		assertThatIllegalArgumentException().isThrownBy(() -> ConfigRepoLocation.parse(file.toString()).properties())
			.withMessageContaining("no such folder");
	}

	@Test
	void findsTheBundledConfigRepoFromTheModuleFolder() {
		assertThat(ConfigRepoLocation.parse("../config-repo").properties())
			.containsEntry("spring.profiles.active", "native");
	}

}
