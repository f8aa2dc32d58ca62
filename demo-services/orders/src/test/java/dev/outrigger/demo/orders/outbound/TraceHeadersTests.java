package dev.outrigger.demo.orders.outbound;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class TraceHeadersTests {

	@Test
	void copiesEveryTraceHeaderAndNothingElse() {
		HttpHeaders inbound = new HttpHeaders();
		TraceHeaders.NAMES.forEach((name) -> inbound.add(name, "value-of-" + name));
		inbound.add("Authorization", "Bearer secret");
		inbound.add("Content-Type", "application/json");
		HttpHeaders outbound = new HttpHeaders();
		TraceHeaders.from(inbound).applyTo(outbound);
		assertThat(outbound.headerNames()).containsExactlyInAnyOrderElementsOf(TraceHeaders.NAMES);
		TraceHeaders.NAMES.forEach((name) -> assertThat(outbound.getFirst(name)).isEqualTo("value-of-" + name));
	}

	@Test
	void matchesHeaderNamesWhateverTheirCase() {
		HttpHeaders inbound = new HttpHeaders();
		inbound.add("TraceParent", "00-abc-def-01");
		inbound.add("X-B3-TraceId", "abc");
		HttpHeaders outbound = new HttpHeaders();
		TraceHeaders.from(inbound).applyTo(outbound);
		assertThat(outbound.getFirst("traceparent")).isEqualTo("00-abc-def-01");
		assertThat(outbound.getFirst("x-b3-traceid")).isEqualTo("abc");
	}

	@Test
	void keepsEveryValueOfARepeatedHeader() {
		HttpHeaders inbound = new HttpHeaders();
		inbound.addAll("tracestate", List.of("a=1", "b=2"));
		HttpHeaders outbound = new HttpHeaders();
		TraceHeaders.from(inbound).applyTo(outbound);
		assertThat(outbound.get("tracestate")).containsExactly("a=1", "b=2");
	}

	@Test
	void addsNothingWhenTheInboundRequestCarriesNoTrace() {
		HttpHeaders outbound = new HttpHeaders();
		outbound.add("Accept", "application/json");
		TraceHeaders.from(new HttpHeaders()).applyTo(outbound);
		TraceHeaders.none().applyTo(outbound);
		assertThat(outbound.headerNames()).containsExactly("Accept");
	}

	@Test
	void replacesAStaleTraceHeaderOnTheOutboundRequest() {
		HttpHeaders inbound = new HttpHeaders();
		inbound.add("x-request-id", "new");
		HttpHeaders outbound = new HttpHeaders();
		outbound.add("x-request-id", "stale");
		TraceHeaders.from(inbound).applyTo(outbound);
		assertThat(outbound.get("x-request-id")).containsExactly("new");
	}

	@Test
	void isNotChangedByLaterChangesToTheInboundHeaders() {
		HttpHeaders inbound = new HttpHeaders();
		inbound.add("b3", "1");
		TraceHeaders trace = TraceHeaders.from(inbound);
		inbound.set("b3", "2");
		HttpHeaders outbound = new HttpHeaders();
		trace.applyTo(outbound);
		assertThat(outbound.getFirst("b3")).isEqualTo("1");
	}

}
