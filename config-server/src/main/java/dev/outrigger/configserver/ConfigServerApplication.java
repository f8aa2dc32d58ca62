package dev.outrigger.configserver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.cloud.config.server.EnableConfigServer;

import dev.outrigger.configserver.publish.ConfigPublisher;
import dev.outrigger.configserver.publish.PublishState;
import dev.outrigger.configserver.publish.PublishedRevisions;
import dev.outrigger.configserver.source.RepoSource;
import dev.outrigger.configserver.validation.ConfigValidator;
import dev.outrigger.configserver.validation.ValidateCommand;

/**
 * Spring Cloud Config server over the config repo (a local folder or any git remote). It
 * serves only validated revisions: see {@link ConfigPublisher}. {@code validate [dir]} as
 * first argument runs the validator alone and exits.
 */
@SpringBootApplication
@EnableConfigServer
public class ConfigServerApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("validate")) {
			System.exit(ValidateCommand.run(Arrays.asList(args).subList(1, args.length), System.out, System.err));
		}
		SpringApplication application;
		try {
			application = application(System.getenv());
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			System.err.println("config-server: " + ex.getMessage());
			System.exit(2);
			return;
		}
		application.run(args);
	}

	/**
	 * The application over the repo that {@code env} names, with its first revision published
	 * (or the last good one of an earlier run when the repo's is refused).
	 * @throws IllegalStateException when there is no good revision to serve
	 */
	static SpringApplication application(Map<String, String> env) {
		ConfigRepoLocation location = ConfigRepoLocation.parse(env.get(ConfigRepoLocation.ENV));
		Path publishDir = Path.of(env.getOrDefault("OUTRIGGER_CONFIG_PUBLISH_DIR",
				Path.of(System.getProperty("java.io.tmpdir"), "outrigger-config-" + Integer.toHexString(
						location.value().hashCode())).toString()));
		RepoSource source = location.source(env.getOrDefault("OUTRIGGER_CONFIG_LABEL", "main"),
				publishDir.resolve("mirror"));
		Duration interval = DurationStyle.detectAndParse(env.getOrDefault("OUTRIGGER_CONFIG_WATCH_INTERVAL",
				source.local() ? "100ms" : "5s"));
		PublishedRevisions published = new PublishedRevisions(publishDir);
		ConfigPublisher publisher = new ConfigPublisher(source, new ConfigValidator(), published, interval);
		PublishState state = publisher.check();
		if (state.revision() == null) {
			String why = (state.refused() != null) ? "its newest revision is refused:\n  "
					+ String.join("\n  ", state.refused().lines()) : "it cannot be read: " + state.sourceError();
			throw new IllegalStateException("no good config to serve from " + source.describe() + "; " + why);
		}
		SpringApplication application = new SpringApplication(ConfigServerApplication.class);
		application.setDefaultProperties(Map.of("spring.profiles.active", "native",
				"spring.cloud.config.server.native.search-locations", published.searchLocations()));
		application.addInitializers((context) -> context.getBeanFactory().registerSingleton("configPublisher",
				publisher));
		return application;
	}

}
