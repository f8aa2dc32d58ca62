package dev.outrigger.configserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.config.server.EnableConfigServer;

/** Spring Cloud Config server over the config repo (a local folder or any git remote). */
@SpringBootApplication
@EnableConfigServer
public class ConfigServerApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(ConfigServerApplication.class);
		try {
			ConfigRepoLocation.parse(System.getenv(ConfigRepoLocation.ENV)).applyTo(application);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("config-server: " + ex.getMessage());
			System.exit(2);
		}
		application.run(args);
	}

}
