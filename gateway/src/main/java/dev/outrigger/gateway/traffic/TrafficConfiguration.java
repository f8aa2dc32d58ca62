package dev.outrigger.gateway.traffic;

import java.time.Duration;

import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import dev.outrigger.core.policy.RateLimitProperties;
import dev.outrigger.core.policy.RefusedPolicies;
import dev.outrigger.gateway.resilience.ServiceEndpoints;

/** Registers the edge's per-route traffic policy: its filters, rate limits and mirror. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class TrafficConfiguration {

	private static final int MIRROR_MAX_IN_FLIGHT = 64;

	private static final Duration DEFAULT_MIRROR_TIMEOUT = Duration.ofSeconds(5);

	@Bean
	RoutePolicies routePolicies(RouteLocator routes, Environment environment) {
		return new RoutePolicies(routes, environment);
	}

	/** Health component {@code policy}: UP, with the routes whose policy was refused and why. */
	@Bean
	HealthIndicator policyHealthIndicator(RoutePolicies policies) {
		return RefusedPolicies.health(policies::refused);
	}

	/** {@code policy.refused} in {@code /actuator/info}, which {@code ./mesh status} shows. */
	@Bean
	InfoContributor policyInfoContributor(RoutePolicies policies) {
		return RefusedPolicies.info(policies::refused);
	}

	@Bean
	EdgeRateLimiter edgeRateLimiter(RateLimitProperties properties) {
		boolean shared = StringUtils.hasText(properties.redisUrl());
		return new EdgeRateLimiter(
				shared ? new RedisTokenBuckets(properties.redisUrl().trim(), properties.redisTimeout()) : null);
	}

	@Bean
	EdgeTrafficFilter edgeTrafficFilter(RoutePolicies policies, EdgeRateLimiter limiter, ServiceEndpoints endpoints) {
		return new EdgeTrafficFilter(policies, limiter, endpoints);
	}

	@Bean
	EdgeRewriteFilter edgeRewriteFilter(RoutePolicies policies) {
		return new EdgeRewriteFilter(policies);
	}

	@Bean
	TrafficMirror trafficMirror(HttpClientProperties httpClient) {
		// As many copies in flight as a sidecar allows; each within the gateway's response timeout.
		Duration timeout = (httpClient.getResponseTimeout() != null) ? httpClient.getResponseTimeout()
				: DEFAULT_MIRROR_TIMEOUT;
		return new TrafficMirror(MIRROR_MAX_IN_FLIGHT, timeout);
	}

}
