package dev.outrigger.e2e.mesh;

import java.time.Duration;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/** Base of the test classes that commit to the mesh's config repo and follow the members onto each commit. */
abstract class LiveConfigTests extends FaultInjectionTests {

	/** The line of {@code gateway.yml} under which routes are listed. */
	static final String ROUTES_KEY = "          routes:\n";

	static ConfigRevisions revisions;

	@BeforeAll
	static void followRevisions() {
		revisions = new ConfigRevisions(mesh);
	}

	@AfterAll
	static void stopFollowingRevisions() {
		revisions.close();
	}

	/** Commits an edit of one file and waits until the config server applied it and every member runs it. */
	static String commit(String file, UnaryOperator<String> edit, String message) throws Exception {
		String commit = mesh.configRepo().edit(file, edit, message);
		revisions.timeUntilOn(commit, System.nanoTime(), Duration.ofSeconds(20)).get();
		String refused = revisions.served().path("refused").path("revision").asString();
		assertThat(refused).as("the config server refused the test's commit: " + revisions.served()).isNotEqualTo(commit);
		return commit;
	}

}
