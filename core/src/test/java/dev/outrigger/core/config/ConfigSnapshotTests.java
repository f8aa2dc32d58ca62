package dev.outrigger.core.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigSnapshotTests {

	private static final String GIT_ANSWER = """
			{"name":"catalog","profiles":["default"],"label":"main",\
			"version":"3f1c2b9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a","state":"",\
			"propertySources":[{"name":"catalog.yml","source":{"outrigger.sidecar.app-health-path":"/health"}}]}""";

	private static final String FOLDER_ANSWER = """
			{"name":"catalog","profiles":["default"],"label":null,"version":null,"state":null,\
			"propertySources":[{"name":"file:/repo/catalog.yml","source":{"version":"2.1"}}]}""";

	@Test
	void readsTheRevisionThatTheOutriggerConfigServerServesAsAProperty() {
		String answer = "{\"name\":\"gateway\",\"profiles\":[\"default\"],\"label\":null,\"version\":null,"
				+ "\"state\":\"\",\"propertySources\":[{\"name\":\"file:/p/current/gateway.yml\",\"source\":"
				+ "{\"a.b\":1,\"list[0]\":\"x\"}},{\"name\":\"file:/p/current/.outrigger/application.properties\","
				+ "\"source\":{\"outrigger.config.revision\":\"3a41e0aa\"}}]}";

		assertThat(ConfigSnapshot.of(answer).version()).isEqualTo("3a41e0aa");
	}

	@Test
	void readsTheGitCommitIdAsVersion() {
		ConfigSnapshot snapshot = ConfigSnapshot.of(GIT_ANSWER);

		assertThat(snapshot.version()).isEqualTo("3f1c2b9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a");
		assertThat(snapshot.label()).isEqualTo(snapshot.version());
	}

	@Test
	void hasNoVersionForAFolderEvenWhenAPropertyIsNamedVersion() {
		ConfigSnapshot snapshot = ConfigSnapshot.of(FOLDER_ANSWER);

		assertThat(snapshot.version()).isNull();
	}

	@Test
	void labelsAVersionlessSnapshotByItsDigestPrefix() {
		ConfigSnapshot snapshot = ConfigSnapshot.of(FOLDER_ANSWER);

		assertThat(snapshot.label()).isEqualTo("sha256:" + snapshot.digest().substring(0, 12));
	}

	@Test
	void digestIsTheSha256OfTheWholeAnswer() {
		assertThat(ConfigSnapshot.of("").digest())
			.isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	}

	@Test
	void sameAnswerGivesSameDigestAndAnyChangeAnother() {
		String edited = FOLDER_ANSWER.replace("2.1", "2.2");

		assertThat(ConfigSnapshot.of(FOLDER_ANSWER).digest()).isEqualTo(ConfigSnapshot.of(FOLDER_ANSWER).digest());
		assertThat(ConfigSnapshot.of(edited).digest()).isNotEqualTo(ConfigSnapshot.of(FOLDER_ANSWER).digest());
	}

	@Test
	void anAnswerThatIsNotJsonStillHasADigestButNoVersion() {
		ConfigSnapshot snapshot = ConfigSnapshot.of("<html>proxy error</html>");

		assertThat(snapshot.version()).isNull();
		assertThat(snapshot.digest()).hasSize(64);
	}

	@Test
	void anEmptyVersionCountsAsNone() {
		assertThat(ConfigSnapshot.of("{\"version\":\"\"}").version()).isNull();
	}

}
