package dev.outrigger.sidecar.proxy;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Opens a span per proxied request, continuing the trace of the incoming headers, and passes
 * the trace on to the next hop.
 */
public final class MeshSpans {

	private final Tracer tracer;

	private final Propagator propagator;

	public MeshSpans(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/** Starts a span of the given kind as a child of the trace found in the request headers. */
	public Span start(HttpServerRequest in, Span.Kind kind, String name) {
		Span.Builder builder = (this.tracer == Tracer.NOOP) ? Span.Builder.NOOP
				: this.propagator.extract(in.requestHeaders(), HttpHeaders::get);
		Span span = builder.kind(kind).name(name).start();
		if (!span.isNoop()) {
			span.tag("http.method", in.method().name());
			span.tag("http.path", pathOf(in.uri()));
		}
		return span;
	}

	/** Replaces the trace headers of a forwarded request with the context of {@code span}. */
	public void inject(Span span, HttpHeaders headers) {
		// An unsampled span is a no-op span with a real context: it must travel on too, so the
		// next hops share the trace and its sampling decision instead of starting their own.
		for (String field : this.propagator.fields()) {
			headers.remove(field);
		}
		this.propagator.inject(span.context(), headers, HttpHeaders::set);
	}

	/** Ends the span with the status written and the failure, if any. */
	public void finish(Span span, HttpServerResponse out, Throwable failure) {
		if (span.isNoop()) {
			return;
		}
		int status = out.status().code();
		span.tag("http.status_code", Integer.toString(status));
		if (failure != null) {
			span.error(failure);
		}
		else if (status >= 500) {
			span.tag("error", Integer.toString(status));
		}
		span.end();
	}

	private static String pathOf(String uri) {
		int query = uri.indexOf('?');
		return (query >= 0) ? uri.substring(0, query) : uri;
	}

}
