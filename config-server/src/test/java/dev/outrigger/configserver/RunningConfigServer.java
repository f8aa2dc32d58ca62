package dev.outrigger.configserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The real config server app on a free port, started the way its main method starts it. */
final class RunningConfigServer implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String base;

	RunningConfigServer(String repo, String... args) {
		SpringApplication application = new SpringApplication(ConfigServerApplication.class);
		ConfigRepoLocation.parse(repo).applyTo(application);
		String[] all = new String[args.length + 1];
		all[0] = "--server.port=0";
		System.arraycopy(args, 0, all, 1, args.length);
		this.context = application.run(all);
		this.base = "http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port");
	}

	/** GETs a path and returns status and body. */
	HttpResponse<String> get(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Accept", "application/json")
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

	String activeProfile() {
		return String.join(",", this.context.getEnvironment().getActiveProfiles());
	}

	@Override
	public void close() {
		this.context.close();
	}

}
