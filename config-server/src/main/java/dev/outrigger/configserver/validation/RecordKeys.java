package dev.outrigger.configserver.validation;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.outrigger.core.policy.BindFailures;

/**
 * The keys one level below a name, read from the policy records themselves, to say what a
 * misspelt key could have been.
 */
final class RecordKeys {

	private RecordKeys() {
	}

	/**
	 * The keys the record type {@code root} takes after {@code path}, or an empty list when the
	 * path leaves the records (a map of the user's own names, a value).
	 */
	static List<String> after(Type root, List<String> path) {
		Type type = root;
		for (String segment : path) {
			type = child(type, segment);
			if (type == null) {
				return List.of();
			}
		}
		Class<?> raw = raw(type);
		if (raw == null || !raw.isRecord()) {
			return List.of();
		}
		return Arrays.stream(raw.getRecordComponents()).map((component) -> BindFailures.kebab(component.getName())).toList();
	}

	private static Type child(Type type, String segment) {
		Class<?> raw = raw(type);
		if (raw == null) {
			return null;
		}
		if (segment.startsWith("[") || Map.class.isAssignableFrom(raw) || Collection.class.isAssignableFrom(raw)) {
			return (type instanceof ParameterizedType parameterized)
					? parameterized.getActualTypeArguments()[parameterized.getActualTypeArguments().length - 1] : null;
		}
		if (!raw.isRecord()) {
			return null;
		}
		String wanted = Setting.canonical(segment);
		for (RecordComponent component : raw.getRecordComponents()) {
			if (Setting.canonical(component.getName()).equals(wanted)) {
				return component.getGenericType();
			}
		}
		return null;
	}

	private static Class<?> raw(Type type) {
		if (type instanceof Class<?> clazz) {
			return clazz;
		}
		return (type instanceof ParameterizedType parameterized) ? (Class<?>) parameterized.getRawType() : null;
	}

}
