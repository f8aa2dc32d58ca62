package dev.outrigger.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.cloud.gateway.filter.factory.GatewayFilterFactory;
import org.springframework.cloud.gateway.handler.predicate.RoutePredicateFactory;
import org.springframework.cloud.gateway.support.ShortcutConfigurable;
import org.springframework.context.ApplicationContext;

import dev.outrigger.core.policy.GatewayVocabulary;
import dev.outrigger.core.policy.GatewayVocabulary.Shortcut;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generates core's list of the gateway's predicates and filters from the factory beans of the
 * gateway's own application context, and fails until the committed list is that one.
 *
 * <p>
 * Run it to regenerate the list on purpose: {@code ./mvnw -B -q -pl core,gateway -am verify
 * -Dtest=GatewayVocabularyTests -Dsurefire.failIfNoSpecifiedTests=false}, then commit
 * {@code core/src/main/resources/META-INF/outrigger/gateway-vocabulary.properties}.
 */
class GatewayVocabularyTests {

	private static final Path COMMITTED = Path.of("..", "core", "src", "main", "resources")
		.resolve(GatewayVocabulary.RESOURCE);

	/** The gateway's application and auto-configuration, without its config import and Eureka. */
	private final ReactiveWebApplicationContextRunner gateway = new ReactiveWebApplicationContextRunner()
		.withUserConfiguration(GatewayApplication.class)
		.withPropertyValues("eureka.client.enabled=false", "outrigger.config-watch.enabled=false",
				"management.tracing.export.enabled=false");

	@Test
	void theCommittedListIsWhatTheGatewayOffers() {
		this.gateway.run((context) -> {
			assertThat(context).hasNotFailed();
			String generated = vocabularyOf(context).text();
			String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";
			if (!committed.equals(generated)) {
				write(generated);
			}
			assertThat(committed).as("The gateway's predicates and filters differ from %s; it was regenerated "
					+ "from them now: review and commit it", COMMITTED.normalize())
				.isEqualTo(generated);
		});
	}

	@Test
	void theListHoldsTheFactoriesOfSpringCloudGatewayWithTheirArguments() {
		this.gateway.run((context) -> {
			GatewayVocabulary vocabulary = vocabularyOf(context);

			assertThat(vocabulary.predicates()).containsKeys("Path", "Host", "Weight");
			assertThat(vocabulary.filters()).containsKeys("StripPrefix", "CircuitBreaker", "RewritePath");
			assertThat(vocabulary.filters()).containsEntry("RewritePath",
					new Shortcut("DEFAULT", List.of("regexp", "replacement")));
		});
	}

	private static GatewayVocabulary vocabularyOf(ApplicationContext context) {
		Map<String, Shortcut> predicates = new TreeMap<>();
		for (RoutePredicateFactory<?> factory : context.getBeansOfType(RoutePredicateFactory.class).values()) {
			predicates.put(factory.name(), shortcut(factory));
		}
		Map<String, Shortcut> filters = new TreeMap<>();
		for (GatewayFilterFactory<?> factory : context.getBeansOfType(GatewayFilterFactory.class).values()) {
			filters.put(factory.name(), shortcut(factory));
		}
		return new GatewayVocabulary(predicates, filters);
	}

	private static Shortcut shortcut(ShortcutConfigurable factory) {
		return new Shortcut(factory.shortcutType().name(),
				Objects.requireNonNullElse(factory.shortcutFieldOrder(), List.of()));
	}

	private static void write(String vocabulary) throws IOException {
		Files.createDirectories(COMMITTED.getParent());
		Files.writeString(COMMITTED, vocabulary);
	}

}
