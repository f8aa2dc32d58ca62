package dev.outrigger.gateway.error;

import dev.outrigger.core.error.MeshError;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers every failure at the edge with a JSON {@link MeshError} and its reason in the
 * {@code X-Outrigger-Error} header, ahead of Spring Boot's default error handler.
 */
final class EdgeErrorWebExceptionHandler implements ErrorWebExceptionHandler, Ordered {

	/** Before Boot's {@code DefaultErrorWebExceptionHandler} (-1) and WebFlux's own (0). */
	static final int ORDER = -2;

	private static final String INTERNAL_ERROR = MeshError.internalError().error();

	/** Failures injected on purpose are not worth a warning each. */
	private static final String FAULT_INJECTED = "fault_injected";

	private static final Log logger = LogFactory.getLog(EdgeErrorWebExceptionHandler.class);

	private final EdgeErrorClassifier classifier;

	private final HttpClientProperties httpClient;

	EdgeErrorWebExceptionHandler(EdgeErrorClassifier classifier, HttpClientProperties httpClient) {
		this.classifier = classifier;
		this.httpClient = httpClient;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			// Part of an answer already left: all that is left to do is to cut the connection.
			return Mono.error(failure);
		}
		FailedRequest request = FailedRequest.from(exchange, this.httpClient.getResponseTimeout());
		MeshError error = this.classifier.classify(failure, request);
		log(exchange, error, failure);
		return write(response, error);
	}

	private static Mono<Void> write(ServerHttpResponse response, MeshError error) {
		response.setStatusCode(HttpStatusCode.valueOf(error.status()));
		HttpHeaders headers = response.getHeaders();
		// The rate limit sets when to come back before it refuses; nothing else survives.
		String retryAfter = (error.status() == 429) ? headers.getFirst(HttpHeaders.RETRY_AFTER) : null;
		// Drop whatever an upstream or filter set before the failure (Content-Length included).
		headers.clear();
		if (retryAfter != null) {
			headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
		}
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setCacheControl("no-store");
		headers.set(MeshError.HEADER, error.error());
		DataBuffer body = response.bufferFactory().wrap(error.toJsonBytes());
		return response.writeWith(Mono.just(body));
	}

	private static void log(ServerWebExchange exchange, MeshError error, Throwable failure) {
		String request = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
		if (INTERNAL_ERROR.equals(error.error())) {
			logger.error(request + " failed unexpectedly", failure);
		}
		else if (error.status() >= 500 && !FAULT_INJECTED.equals(error.error())) {
			logger.warn(request + " -> " + error.status() + " " + error.error() + ": " + failure);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(request + " -> " + error.status() + " " + error.error() + ": " + failure);
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
