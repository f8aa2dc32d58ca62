package dev.outrigger.core.traffic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RewriteAndHeadersTests {

	@Test
	void rewritesThePathAndKeepsTheQuery() {
		PathRewriter rewriter = new PathRewriter(new PathRewrite("^/old/(.*)$", "/new/$1"));
		assertThat(rewriter.rewrite("/old/items/1?x=/old/y")).isEqualTo("/new/items/1?x=/old/y");
		assertThat(rewriter.rewrite("/other")).isEqualTo("/other");
	}

	@Test
	void offRewriterReturnsTheSameTarget() {
		PathRewriter rewriter = new PathRewriter(PathRewrite.OFF);
		String target = "/a?b";
		assertThat(rewriter.isOff()).isTrue();
		assertThat(rewriter.rewrite(target)).isSameAs(target);
	}

	@Test
	void removesThenSetsHeaders() {
		Map<String, String> headers = new LinkedHashMap<>(Map.of("x-debug", "1", "x-env", "prod", "keep", "k"));
		HeaderEditor editor = new HeaderEditor(new HeaderPolicy(Map.of("x-env", "staging"), List.of("x-debug")));
		editor.apply(new HeaderEditor.MutableHeaders() {

			@Override
			public void remove(String name) {
				headers.remove(name);
			}

			@Override
			public void set(String name, String value) {
				headers.put(name, value);
			}

		});
		assertThat(headers).containsOnly(Map.entry("x-env", "staging"), Map.entry("keep", "k"));
	}

}
