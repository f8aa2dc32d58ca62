package dev.outrigger.core.traffic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Headers removed from and added to a request or an answer; removal comes first, and an added
 * header replaces any value of the same name.
 *
 * @param add header values to set
 * @param remove names of headers to remove
 */
public record HeaderPolicy(@DefaultValue Map<String, String> add, @DefaultValue List<String> remove) {

	/** No change. */
	public static final HeaderPolicy OFF = new HeaderPolicy(null, null);

	public HeaderPolicy {
		add = (add != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(add)) : Map.of();
		remove = (remove != null) ? List.copyOf(remove) : List.of();
		add.forEach((name, value) -> {
			checkName("add", name);
			if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
				throw new IllegalArgumentException("headers.add value of '" + name + "' must be set and must not "
						+ "contain CR or LF, got " + ((value != null) ? "'" + value + "'" : "none"));
			}
		});
		remove.forEach((name) -> checkName("remove", name));
	}

	/** Whether no header is changed. */
	public boolean isOff() {
		return this.add.isEmpty() && this.remove.isEmpty();
	}

	private static void checkName(String key, String name) {
		if (name == null || name.isBlank() || !name.chars().allMatch(HeaderPolicy::isTokenChar)) {
			throw new IllegalArgumentException("headers." + key + " has an invalid header name '" + name + "'");
		}
	}

	private static boolean isTokenChar(int c) {
		return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
	}

}
