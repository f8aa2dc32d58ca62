package dev.outrigger.configserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.awaitility.Awaitility;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The real config server app on a free port, started the way its main method starts it. */
final class RunningConfigServer implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String base;

	/** Starts the server over {@code repo}, publishing into {@code publishDir}. */
	RunningConfigServer(String repo, Path publishDir, String... args) {
		SpringApplication application = ConfigServerApplication.application(Map.of(ConfigRepoLocation.ENV, repo,
				"OUTRIGGER_CONFIG_PUBLISH_DIR", publishDir.toString()));
		String[] all = new String[args.length + 1];
		all[0] = "--server.port=0";
		System.arraycopy(args, 0, all, 1, args.length);
		this.context = application.run(all);
		this.base = "http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port");
	}

	/** GETs a path and returns status and body. */
	HttpResponse<String> get(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Accept", "application/json, text/plain;q=0.9, */*;q=0.8")
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** GETs the config of one application and profile, failing unless it answers 200. */
	DocumentContext config(String application, String profile) {
		HttpResponse<String> response = get("/" + application + "/" + profile);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET /" + application + "/" + profile + " answered "
					+ response.statusCode() + ": " + response.body());
		}
		return JsonPath.parse(response.body());
	}

	/** The value the config server serves for one key to one application (highest precedence first). */
	Object value(String application, String key) {
		List<Map<String, Object>> sources = config(application, "default").read("$.propertySources[*].source");
		return sources.stream().filter((source) -> source.containsKey(key)).map((source) -> source.get(key))
			.findFirst().orElse(null);
	}

	/** Waits until the value served for a key is {@code expected}. */
	void awaitValue(String application, String key, Object expected) {
		Awaitility.await(application + " " + key + " = " + expected).atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> expected.equals(value(application, key)));
	}

	/** The revision of the config served now. */
	Object revision() {
		return value("any", "outrigger.config.revision");
	}

	String base() {
		return this.base;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
