package dev.outrigger.gateway.traffic;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.outrigger.gateway.resilience.ServiceEndpoints;

/** Registers the edge's per-route traffic policy: its filters, rate limits and mirror. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class TrafficConfiguration {

	private static final int MIRROR_MAX_IN_FLIGHT = 64;

	private static final Duration DEFAULT_MIRROR_TIMEOUT = Duration.ofSeconds(5);

	@Bean
	RoutePolicies routePolicies(RouteLocator routes) {
		return new RoutePolicies(routes);
	}

	@Bean
	@ConditionalOnProperty("outrigger.gateway.rate-limit.redis-url")
	RedisTokenBuckets redisTokenBuckets(RateLimitProperties properties) {
		return new RedisTokenBuckets(properties.redisUrl(), properties.redisTimeout());
	}

	@Bean
	EdgeTrafficFilter edgeTrafficFilter(RoutePolicies policies, ObjectProvider<RedisTokenBuckets> redis,
			ServiceEndpoints endpoints) {
		return new EdgeTrafficFilter(policies, new EdgeRateLimiter(redis.getIfAvailable()), endpoints);
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
