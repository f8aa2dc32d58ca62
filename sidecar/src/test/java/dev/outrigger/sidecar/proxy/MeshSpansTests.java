package dev.outrigger.sidecar.proxy;

import brave.Tracing;
import brave.sampler.Sampler;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.propagation.Propagator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.server.HttpServerRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class MeshSpansTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String CALLER_SPAN = "00f067aa0ba902b7";

	private Tracing tracing;

	@AfterEach
	void closeTracing() {
		if (this.tracing != null) {
			this.tracing.close();
		}
	}

	@Test
	void continuesASampledTraceWithANewSpanId() {
		MeshSpans spans = meshSpans(Sampler.ALWAYS_SAMPLE);
		HttpHeaders forwarded = forward(spans, "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01");

		assertThat(forwarded.get("traceparent")).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01")
			.doesNotContain(CALLER_SPAN);
	}

	@Test
	void continuesAnUnsampledTraceWithANewSpanIdAndItsDecision() {
		MeshSpans spans = meshSpans(Sampler.ALWAYS_SAMPLE);
		HttpHeaders forwarded = forward(spans, "00-" + TRACE_ID + "-" + CALLER_SPAN + "-00");

		assertThat(forwarded.get("traceparent")).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-00")
			.doesNotContain(CALLER_SPAN);
	}

	@Test
	void passesOnATraceItChoseNotToSampleSoTheNextHopAgrees() {
		MeshSpans spans = meshSpans(Sampler.NEVER_SAMPLE);
		HttpHeaders forwarded = forward(spans, null);

		assertThat(forwarded.get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
	}

	@Test
	void startsASampledTraceWhenNoneArrives() {
		MeshSpans spans = meshSpans(Sampler.ALWAYS_SAMPLE);
		HttpHeaders forwarded = forward(spans, null);

		assertThat(forwarded.get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
	}

	@Test
	void leavesTheHeadersAloneWithoutTracing() {
		MeshSpans spans = new MeshSpans(Tracer.NOOP, Propagator.NOOP);
		String incoming = "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01";

		assertThat(forward(spans, incoming).get("traceparent")).isEqualTo(incoming);
	}

	private MeshSpans meshSpans(Sampler sampler) {
		this.tracing = Tracing.newBuilder().sampler(sampler).propagationFactory(new W3CPropagation()).build();
		Tracer tracer = new BraveTracer(this.tracing.tracer(),
				new BraveCurrentTraceContext(this.tracing.currentTraceContext()));
		return new MeshSpans(tracer, new BravePropagator(this.tracing));
	}

	/** Starts a span for a request with {@code traceparent} and returns the forwarded headers. */
	private static HttpHeaders forward(MeshSpans spans, String traceparent) {
		HttpHeaders incoming = new DefaultHttpHeaders();
		if (traceparent != null) {
			incoming.set("traceparent", traceparent);
		}
		HttpServerRequest request = mock(HttpServerRequest.class);
		given(request.requestHeaders()).willReturn(incoming);
		given(request.method()).willReturn(HttpMethod.GET);
		given(request.uri()).willReturn("/items/1?q=tea");
		Span span = spans.start(request, Span.Kind.SERVER, "inbound GET");
		HttpHeaders forwarded = new DefaultHttpHeaders();
		ProxyHeaders.copy(incoming, forwarded);
		spans.inject(span, forwarded);
		span.end();
		return forwarded;
	}

}
