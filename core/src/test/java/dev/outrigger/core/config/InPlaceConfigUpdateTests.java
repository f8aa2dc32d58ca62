package dev.outrigger.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class InPlaceConfigUpdateTests {

	private final GenericApplicationContext context = new GenericApplicationContext();

	private final List<Set<String>> events = new ArrayList<>();

	@BeforeEach
	void environmentAsImportedFromTheConfigServer() {
		MutablePropertySources sources = this.context.getEnvironment().getPropertySources();
		sources.addFirst(new MapPropertySource("defaults", Map.of("a", "default", "z", "jar")));
		sources.addBefore("defaults", new MapPropertySource("configClient", Map.of("config.client.version", "r1")));
		sources.addBefore("defaults", new MapPropertySource("configserver:file:/p/.outrigger/application.properties",
				Map.of("outrigger.config.revision", "r1")));
		sources.addBefore("defaults", new MapPropertySource("configserver:file:/p/gateway.yml", Map.of("a", "1", "b", "x")));
		sources.addBefore("defaults", new MapPropertySource("configserver:file:/p/application.yml", Map.of("c", "3")));
		this.context.addApplicationListener((ApplicationListener<EnvironmentChangeEvent>) (event) -> this.events.add(event.getKeys()));
		this.context.refresh();
	}

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void swapsTheServersSourcesAndPublishesTheChangedKeys() {
		Set<String> changed = new InPlaceConfigUpdate(this.context).apply(answer("r2",
				source("file:/p/.outrigger/application.properties", "\"outrigger.config.revision\":\"r2\""),
				source("file:/p/gateway.yml", "\"a\":2,\"b\":\"x\",\"d\":{\"value\":\"new\",\"origin\":\"gateway.yml:3\"}"),
				source("file:/p/application.yml", "\"c\":\"3\"")));

		assertThat(changed).containsExactlyInAnyOrder("outrigger.config.revision", "a", "d");
		assertThat(this.events).containsExactly(changed);
		assertThat(this.context.getEnvironment().getProperty("a")).isEqualTo("2");
		assertThat(this.context.getEnvironment().getProperty("d")).isEqualTo("new");
		assertThat(this.context.getEnvironment().getProperty("z")).isEqualTo("jar");
		assertThat(this.context.getEnvironment().getProperty("config.client.version")).isEqualTo("r2");
		assertThat(names()).containsExactly("configClient", "configserver:file:/p/.outrigger/application.properties",
				"configserver:file:/p/gateway.yml", "configserver:file:/p/application.yml", "defaults");
	}

	@Test
	void addsANewFileInItsPlaceAndDropsAFileThatIsGone() {
		Set<String> changed = new InPlaceConfigUpdate(this.context).apply(answer("r3",
				source("file:/p/.outrigger/application.properties", "\"outrigger.config.revision\":\"r3\""),
				source("file:/p/gateway-canary.yml", "\"e\":\"5\""),
				source("file:/p/gateway.yml", "\"a\":\"1\",\"b\":\"x\"")));

		assertThat(changed).containsExactlyInAnyOrder("outrigger.config.revision", "e", "c");
		assertThat(this.context.getEnvironment().getProperty("c")).isNull();
		assertThat(names()).containsExactly("configClient", "configserver:file:/p/.outrigger/application.properties",
				"configserver:file:/p/gateway-canary.yml", "configserver:file:/p/gateway.yml", "defaults");
	}

	@Test
	void saysSoWhenTheEnvironmentHoldsNothingFromTheServer() {
		GenericApplicationContext plain = new GenericApplicationContext();
		plain.refresh();
		try {
			assertThat(new InPlaceConfigUpdate(plain).apply(answer("r2", source("file:/p/a.yml", "\"a\":\"1\"")))).isNull();
		}
		finally {
			plain.close();
		}
	}

	private List<String> names() {
		return this.context.getEnvironment().getPropertySources().stream().map(PropertySource::getName)
			.filter((name) -> name.startsWith("config") || name.equals("defaults")).toList();
	}

	private static String answer(String version, String... sources) {
		return "{\"name\":\"gateway\",\"profiles\":[\"default\"],\"label\":null,\"version\":\"" + version
				+ "\",\"state\":null,\"propertySources\":[" + String.join(",", sources) + "]}";
	}

	private static String source(String name, String values) {
		return "{\"name\":\"" + name + "\",\"source\":{" + values + "}}";
	}

}
