package dev.outrigger.core.policy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateLimitPropertiesTests {

	@Test
	void aRedisUrlIsAccepted() {
		assertThat(new RateLimitProperties("redis://127.0.0.1:6379", Duration.ofMillis(100)).redisUrl())
			.isEqualTo("redis://127.0.0.1:6379");
	}

	@Test
	void noRedisUrlMeansLocalBuckets() {
		assertThat(new RateLimitProperties(" ", Duration.ofMillis(100)).redisUrl()).isBlank();
	}

	@Test
	void somethingElseIsRefusedNamingTheKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RateLimitProperties("http://127.0.0.1:6379", Duration.ofMillis(100)))
			.withMessageStartingWith("outrigger.gateway.rate-limit.redis-url must be a Redis URL such as "
					+ "redis://127.0.0.1:6379, got 'http://127.0.0.1:6379'");
	}

	@Test
	void aTimeoutMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitProperties(null, Duration.ZERO))
			.withMessage("outrigger.gateway.rate-limit.redis-timeout must be positive, got PT0S");
	}

}
