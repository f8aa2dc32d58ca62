package dev.outrigger.gateway.error;

import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the edge's JSON error handler. */
@Configuration(proxyBeanMethods = false)
class EdgeErrorConfiguration {

	@Bean
	EdgeErrorWebExceptionHandler edgeErrorWebExceptionHandler(HttpClientProperties httpClient) {
		return new EdgeErrorWebExceptionHandler(new EdgeErrorClassifier(), httpClient);
	}

}
