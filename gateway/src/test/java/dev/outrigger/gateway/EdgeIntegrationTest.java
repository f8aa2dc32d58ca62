package dev.outrigger.gateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The gateway on a random port as the config repo sets it up (no bulkhead, no time limiter,
 * 5 s response timeout), without Eureka, config watching or trace export, importing an empty
 * config from a fake config server; routes and instances come from the test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(EmptyConfigServerExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "outrigger.config-watch.enabled=false",
				"management.tracing.export.enabled=false",
				"spring.cloud.gateway.server.webflux.httpclient.response-timeout=5s",
				"spring.cloud.gateway.server.webflux.loadbalancer.use404=false",
				"spring.cloud.circuitbreaker.bulkhead.resilience4j.enabled=false",
				"spring.cloud.circuitbreaker.resilience4j.disable-time-limiter=true" })
@interface EdgeIntegrationTest {

}
