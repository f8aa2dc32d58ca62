package dev.outrigger.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Talks to the registry over Eureka's REST API, as a non-Java sidecar or an operator would. */
final class EurekaRest {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String base;

	EurekaRest(int port) {
		this.base = "http://127.0.0.1:" + port + "/eureka";
	}

	/** Registers an instance whose lease expires {@code leaseSeconds} after its last heartbeat. */
	HttpResponse<String> register(String app, String instanceId, int leaseSeconds) {
		String json = """
				{"instance":{"instanceId":"%2$s","hostName":"127.0.0.1","app":"%1$s","ipAddr":"127.0.0.1",\
				"vipAddress":"%3$s","status":"UP","port":{"$":8080,"@enabled":"true"},\
				"securePort":{"$":443,"@enabled":"false"},\
				"dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"},\
				"leaseInfo":{"renewalIntervalInSecs":1,"durationInSecs":%4$d},\
				"metadata":{"version":"v1","zone":"local"}}}"""
			.formatted(app, instanceId, app.toLowerCase(), leaseSeconds);
		return send(HttpRequest.newBuilder(URI.create(this.base + "/apps/" + app))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	HttpResponse<String> heartbeat(String app, String instanceId) {
		return send(HttpRequest.newBuilder(URI.create(this.base + "/apps/" + app + "/" + instanceId))
			.PUT(HttpRequest.BodyPublishers.noBody()));
	}

	HttpResponse<String> setStatus(String app, String instanceId, String status) {
		return send(HttpRequest.newBuilder(URI.create(this.base + "/apps/" + app + "/" + instanceId + "/status?value="
				+ status))
			.PUT(HttpRequest.BodyPublishers.noBody()));
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).header("Accept", "application/json").GET());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.client.send(request.timeout(Duration.ofSeconds(5)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
