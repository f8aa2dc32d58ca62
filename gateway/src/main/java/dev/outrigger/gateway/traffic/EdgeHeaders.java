package dev.outrigger.gateway.traffic;

import org.springframework.http.HttpHeaders;

import dev.outrigger.core.traffic.HeaderEditor;

/** Spring's headers of a request or an answer, as the traffic policy's header rules edit them. */
final class EdgeHeaders implements HeaderEditor.MutableHeaders {

	private final HttpHeaders headers;

	private EdgeHeaders(HttpHeaders headers) {
		this.headers = headers;
	}

	static EdgeHeaders of(HttpHeaders headers) {
		return new EdgeHeaders(headers);
	}

	@Override
	public void remove(String name) {
		this.headers.remove(name);
	}

	@Override
	public void set(String name, String value) {
		this.headers.set(name, value);
	}

}
