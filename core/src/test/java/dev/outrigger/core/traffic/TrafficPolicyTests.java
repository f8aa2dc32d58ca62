package dev.outrigger.core.traffic;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TrafficPolicyTests {

	@Test
	void absentBlockBindsToOff() {
		TrafficPolicy policy = bind(Map.of("other", "x"));
		assertThat(policy).isEqualTo(TrafficPolicy.OFF);
		assertThat(policy.isOff()).isTrue();
		assertThat(policy.fault().isOff()).isTrue();
		assertThat(policy.mirror().isOff()).isTrue();
		assertThat(policy.rateLimit().isOff()).isTrue();
		assertThat(policy.requestHeaders().isOff()).isTrue();
		assertThat(policy.rewritePath().isOff()).isTrue();
	}

	@Test
	void bindsEveryKeyOfTheSpec() {
		Map<String, String> yaml = Map.ofEntries(Map.entry("p.split.v1", "90"), Map.entry("p.split.v2", "10"),
				Map.entry("p.match[0].header", "x-canary"), Map.entry("p.match[0].value", "true"),
				Map.entry("p.match[0].version", "v2"), Map.entry("p.match[1].cookie", "canary"),
				Map.entry("p.match[1].regex", "^(1|yes)$"), Map.entry("p.match[1].version", "v2"),
				Map.entry("p.fault.delay.percent", "10"), Map.entry("p.fault.delay.duration", "200ms"),
				Map.entry("p.fault.abort.percent", "50"), Map.entry("p.fault.abort.status", "503"),
				Map.entry("p.fault.when.header", "x-chaos"), Map.entry("p.mirror.version", "v2"),
				Map.entry("p.mirror.percent", "10"), Map.entry("p.rate-limit.per-second", "100"),
				Map.entry("p.rate-limit.per-caller", "false"), Map.entry("p.request-headers.add.x-env", "staging"),
				Map.entry("p.request-headers.remove[0]", "x-debug"),
				Map.entry("p.response-headers.add.x-served-by", "mesh"),
				Map.entry("p.response-headers.remove[0]", "server"), Map.entry("p.rewrite-path.regex", "^/old/(.*)$"),
				Map.entry("p.rewrite-path.replacement", "/new/$1"));
		TrafficPolicy policy = bind(yaml);
		assertThat(policy.split()).containsOnly(Map.entry("v1", 90), Map.entry("v2", 10));
		assertThat(policy.match()).containsExactly(new MatchRule("x-canary", null, "true", null, "v2"),
				new MatchRule(null, "canary", null, "^(1|yes)$", "v2"));
		assertThat(policy.fault().delay()).isEqualTo(new FaultPolicy.Delay(10, Duration.ofMillis(200)));
		assertThat(policy.fault().abort()).isEqualTo(new FaultPolicy.Abort(50, 503));
		assertThat(policy.fault().when()).isEqualTo(new FaultPolicy.When("x-chaos", null, null));
		assertThat(policy.mirror()).isEqualTo(new MirrorPolicy("v2", 10));
		assertThat(policy.rateLimit()).isEqualTo(new RateLimitPolicy(100.0, null, false));
		assertThat(policy.rateLimit().effectiveBurst()).isEqualTo(100);
		assertThat(policy.requestHeaders()).isEqualTo(new HeaderPolicy(Map.of("x-env", "staging"), List.of("x-debug")));
		assertThat(policy.responseHeaders().remove()).containsExactly("server");
		assertThat(policy.rewritePath()).isEqualTo(new PathRewrite("^/old/(.*)$", "/new/$1"));
		assertThat(policy.isOff()).isFalse();
	}

	@Test
	void splitThatDoesNotAddUpTo100NamesTheSum() {
		assertRefused(Map.of("p.split.v1", "70", "p.split.v2", "20"), "split weights must add up to 100, got ",
				"= 90");
	}

	@Test
	void negativeSplitWeightIsRefused() {
		assertRefused(Map.of("p.split.v1", "110", "p.split.v2", "-10"), "split weight of version");
	}

	@Test
	void matchRuleNeedsExactlyOneOfHeaderOrCookie() {
		assertRefused(Map.of("p.match[0].header", "a", "p.match[0].cookie", "b", "p.match[0].version", "v2"),
				"match needs exactly one of header or cookie, got header 'a' and cookie 'b'");
		assertRefused(Map.of("p.match[0].value", "a", "p.match[0].version", "v2"),
				"match needs exactly one of header or cookie");
	}

	@Test
	void matchRuleNeedsAVersion() {
		assertRefused(Map.of("p.match[0].header", "x-canary"), "match rule on header 'x-canary' needs a version");
	}

	@Test
	void matchRuleTakesValueOrRegexNotBoth() {
		assertRefused(Map.of("p.match[0].header", "a", "p.match[0].value", "1", "p.match[0].regex", "1",
				"p.match[0].version", "v2"), "match takes value or regex, not both");
	}

	@Test
	void badRegexIsRefusedWithTheKey() {
		assertRefused(Map.of("p.match[0].header", "a", "p.match[0].regex", "([a-", "p.match[0].version", "v2"),
				"match.regex '([a-' is not a valid regular expression");
		assertRefused(Map.of("p.rewrite-path.regex", "(", "p.rewrite-path.replacement", "/"),
				"rewrite-path.regex '(' is not a valid regular expression");
	}

	@Test
	void faultValuesAreChecked() {
		assertRefused(Map.of("p.fault.abort.percent", "101"), "fault.abort.percent must be 0-100, got 101.0");
		assertRefused(Map.of("p.fault.abort.percent", "5", "p.fault.abort.status", "200"),
				"fault.abort.status must be 400-599, got 200");
		assertRefused(Map.of("p.fault.delay.percent", "5"),
				"fault.delay.duration must be positive when fault.delay.percent is set, got PT0S");
		assertRefused(Map.of("p.fault.abort.percent", "5", "p.fault.when.value", "x"), "fault.when.header is required");
	}

	@Test
	void rateLimitValuesAreChecked() {
		assertRefused(Map.of("p.rate-limit.per-second", "0"), "rate-limit.per-second must be above 0, got 0.0");
		assertRefused(Map.of("p.rate-limit.per-second", "1", "p.rate-limit.burst", "0"),
				"rate-limit.burst must be at least 1, got 0");
		assertRefused(Map.of("p.rate-limit.burst", "5"), "rate-limit.per-second is required");
		assertThat(new RateLimitPolicy(0.5, null, true).effectiveBurst()).isEqualTo(1);
		assertThat(new RateLimitPolicy(2.5, null, true).effectiveBurst()).isEqualTo(3);
	}

	@Test
	void mirrorPercentIsChecked() {
		assertRefused(Map.of("p.mirror.version", "v2", "p.mirror.percent", "-1"), "mirror.percent must be 0-100");
		assertThat(bind(Map.of("p.mirror.version", "v2")).mirror().percent()).isEqualTo(100);
	}

	@Test
	void headerValuesAreChecked() {
		assertRefused(Map.of("p.request-headers.add.x-a", "a\r\nb"), "must not contain CR or LF");
		assertRefused(Map.of("p.response-headers.remove[0]", "bad name"), "invalid header name 'bad name'");
	}

	@Test
	void rewriteReplacementMustReferToExistingGroups() {
		assertRefused(Map.of("p.rewrite-path.regex", "^/old/(.*)$", "p.rewrite-path.replacement", "/new/$2"),
				"refers to $2 but rewrite-path.regex '^/old/(.*)$' has 1 group(s)");
		assertRefused(Map.of("p.rewrite-path.regex", "^/old"), "rewrite-path.replacement is required");
		assertRefused(Map.of("p.rewrite-path.replacement", "/new"), "rewrite-path.regex is required");
	}

	private static TrafficPolicy bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("p", TrafficPolicy.class);
	}

	private static void assertRefused(Map<String, String> properties, String... messageParts) {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(properties))
			.havingRootCause()
			.isInstanceOf(IllegalArgumentException.class)
			.withMessageContainingAll(messageParts);
	}

}
