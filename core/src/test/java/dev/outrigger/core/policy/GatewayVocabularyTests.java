package dev.outrigger.core.policy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.outrigger.core.policy.GatewayVocabulary.Shortcut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class GatewayVocabularyTests {

	@Test
	void theBundledListHoldsTheGatewaysPredicatesAndFiltersWithTheirArguments() {
		GatewayVocabulary vocabulary = GatewayVocabulary.load();

		assertThat(vocabulary.predicates()).containsEntry("Path",
				new Shortcut("GATHER_LIST_TAIL_FLAG", List.of("patterns", "matchTrailingSlash")));
		assertThat(vocabulary.filters()).containsEntry("StripPrefix", new Shortcut("DEFAULT", List.of("parts")))
			.containsKey("CircuitBreaker");
	}

	@Test
	void readsWhatItWrites() throws IOException {
		GatewayVocabulary vocabulary = new GatewayVocabulary(
				Map.of("Path", new Shortcut("GATHER_LIST", List.of("patterns"))),
				Map.of("SaveSession", new Shortcut("DEFAULT", List.of()), "SetStatus",
						new Shortcut("DEFAULT", List.of("status"))));

		assertThat(vocabulary.text()).endsWith(
				"filter.SaveSession=DEFAULT:\nfilter.SetStatus=DEFAULT: status\npredicate.Path=GATHER_LIST: patterns\n");
		assertThat(GatewayVocabulary.read(new StringReader(vocabulary.text()))).isEqualTo(vocabulary);
	}

	@Test
	void aLineOfNeitherKindIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> GatewayVocabulary.read(new StringReader("route.Path=DEFAULT: patterns\n")))
			.withMessage("'route.Path' is neither predicate.<Name> nor filter.<Name>");
	}

	@Test
	void aLineWithoutItsShortcutTypeIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> GatewayVocabulary.read(new StringReader("filter.StripPrefix=parts\n")))
			.withMessage("'filter.StripPrefix=parts' is not <shortcut type>: <arguments>");
	}

	@Test
	void aMissingResourceIsNamed() {
		assertThatIllegalStateException().isThrownBy(() -> GatewayVocabulary.load("no/such.properties"))
			.withMessage("no no/such.properties on the class path");
	}

}
