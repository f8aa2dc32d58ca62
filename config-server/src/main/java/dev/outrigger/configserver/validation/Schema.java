package dev.outrigger.configserver.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys Outrigger knows under one prefix, as a tree: a key that is not in it is a typo
 * that Spring Boot would ignore without a word, so the validator refuses it.
 */
final class Schema {

	private static final Schema LEAF = new Schema(Map.of(), List.of(), null, null);

	private final Map<String, Schema> children;

	private final List<String> display;

	private final Schema anyKey;

	private final Schema item;

	private Schema(Map<String, Schema> children, List<String> display, Schema anyKey, Schema item) {
		this.children = children;
		this.display = display;
		this.anyKey = anyKey;
		this.item = item;
	}

	/** A value (or a list of values). */
	static Schema leaf() {
		return LEAF;
	}

	/** Several names, each given by a name and its schema, or by a name alone for a value. */
	static Schema of(Object... names) {
		Map<String, Schema> children = new LinkedHashMap<>();
		List<String> display = new ArrayList<>();
		for (int i = 0; i < names.length; i++) {
			String name = (String) names[i];
			Schema schema = LEAF;
			if (i + 1 < names.length && names[i + 1] instanceof Schema next) {
				schema = next;
				i++;
			}
			children.put(Setting.canonical(name), schema);
			display.add(name);
		}
		return new Schema(children, display, null, null);
	}

	/** A map whose keys are the user's (e.g. versions of a split), each value following {@code value}. */
	static Schema anyKey(Schema value) {
		return new Schema(Map.of(), List.of(), value, null);
	}

	/** A list whose items follow {@code item}. */
	static Schema listOf(Schema item) {
		return new Schema(Map.of(), List.of(), null, item);
	}

	/** This schema with the names of {@code other} added. */
	Schema with(Schema other) {
		Map<String, Schema> children = new LinkedHashMap<>(this.children);
		children.putAll(other.children);
		List<String> display = new ArrayList<>(this.display);
		display.addAll(other.display);
		return new Schema(children, display, null, null);
	}

	/**
	 * Checks the rest of a key against this tree.
	 * @return {@code null} if it is known, else why not
	 */
	String check(List<String> path) {
		Schema schema = this;
		for (int i = 0; i < path.size(); i++) {
			String segment = path.get(i);
			Schema next;
			if (segment.startsWith("[")) {
				next = (schema.item != null) ? schema.item : (schema == LEAF) ? LEAF : null;
			}
			else if (schema.anyKey != null) {
				next = schema.anyKey;
			}
			else {
				next = schema.children.get(Setting.canonical(segment));
			}
			if (next == null) {
				return (schema.children.isEmpty()) ? "'" + segment + "' takes no keys here"
						: "'" + segment + "' is not one of " + schema.names();
			}
			schema = next;
		}
		return null;
	}

	private String names() {
		return String.join(", ", this.display);
	}

}
