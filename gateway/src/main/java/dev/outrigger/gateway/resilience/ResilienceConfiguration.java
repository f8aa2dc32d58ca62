package dev.outrigger.gateway.resilience;

import com.netflix.discovery.EurekaClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.outrigger.gateway.traffic.RoutePolicies;
import dev.outrigger.gateway.traffic.TrafficMirror;

/** Registers the edge's instance choice, retries and limits. */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

	@Bean
	EdgePolicies edgePolicies(Environment environment) {
		return new EdgePolicies(environment);
	}

	@Bean
	ServiceEndpoints serviceEndpoints(DiscoveryClient discovery, ObjectProvider<EurekaClient> eureka) {
		return new ServiceEndpoints(discovery, eureka);
	}

	@Bean
	EdgeResilienceFilter edgeResilienceFilter(ServiceEndpoints endpoints, EdgePolicies policies,
			RoutePolicies routes, HttpClientProperties httpClient, TrafficMirror mirror) {
		return new EdgeResilienceFilter(endpoints, policies, routes, httpClient, mirror);
	}

	@Bean
	RouteTimeoutsFilter routeTimeoutsFilter(RoutePolicies routes) {
		return new RouteTimeoutsFilter(routes);
	}

}
