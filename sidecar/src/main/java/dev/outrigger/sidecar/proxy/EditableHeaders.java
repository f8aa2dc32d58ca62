package dev.outrigger.sidecar.proxy;

import io.netty.handler.codec.http.HttpHeaders;

import dev.outrigger.core.traffic.HeaderEditor;

/** Netty headers as the traffic policy's {@link HeaderEditor} edits them. */
public record EditableHeaders(HttpHeaders headers) implements HeaderEditor.MutableHeaders {

	@Override
	public void remove(String name) {
		this.headers.remove(name);
	}

	@Override
	public void set(String name, String value) {
		this.headers.set(name, value);
	}

}
