package dev.outrigger.gateway.resilience;

import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Registers the edge's instance choice, retries and limits. */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

	@Bean
	EdgePolicies edgePolicies(Environment environment) {
		return new EdgePolicies(environment);
	}

	@Bean
	EdgeResilienceFilter edgeResilienceFilter(DiscoveryClient discovery, EdgePolicies policies,
			HttpClientProperties httpClient) {
		return new EdgeResilienceFilter(discovery, policies, httpClient);
	}

}
