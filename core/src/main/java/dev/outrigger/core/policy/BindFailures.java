package dev.outrigger.core.policy;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.core.convert.ConverterNotFoundException;

/** Says in one line which key of a policy did not bind, and why, in the words of the config repo. */
public final class BindFailures {

	private BindFailures() {
	}

	/** "outrigger.sidecar.outbound.timeout: bad duration 'soon': write e.g. 250ms, 2s or 1m ..." */
	public static String describe(Throwable failure) {
		BindException bind = bindException(failure);
		String reason = reason(failure, bind);
		return (bind != null) ? bind.getName() + ": " + reason : reason;
	}

	/** The reason alone, without the key. */
	public static String reason(Throwable failure) {
		return reason(failure, bindException(failure));
	}

	private static String reason(Throwable failure, BindException bind) {
		ConfigurationProperty property = (bind != null) ? bind.getProperty() : null;
		if (property != null && bind.getTarget().getType().resolve() != null) {
			Class<?> type = bind.getTarget().getType().resolve();
			String value = String.valueOf(property.getValue());
			if (type == Duration.class) {
				return "bad duration '" + value + "': write e.g. 250ms, 2s or 1m (a plain number is milliseconds)";
			}
			if (type.isRecord()) {
				return "takes the keys " + keys(type) + ", not a value ('" + value + "')";
			}
			if (type.isEnum()) {
				return "'" + value + "' is not one of " + Arrays.stream(type.getEnumConstants())
					.map((constant) -> kebab(constant.toString().toLowerCase(Locale.ROOT)).replace('_', '-'))
					.collect(Collectors.joining(", "));
			}
			if (Number.class.isAssignableFrom(box(type))) {
				return "'" + value + "' is not a number";
			}
			return "cannot read '" + value + "': " + root(failure).getMessage();
		}
		if (root(failure) instanceof ConverterNotFoundException missing && missing.getTargetType() != null
				&& missing.getTargetType().getType().isRecord()) {
			return "takes the keys " + keys(missing.getTargetType().getType()) + ", not a single value";
		}
		return root(failure).getMessage();
	}

	/** The kebab-case form of a Java name: {@code rateLimit} is {@code rate-limit}. */
	public static String kebab(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	private static String keys(Class<?> record) {
		return Arrays.stream(record.getRecordComponents())
			.map(RecordComponent::getName)
			.map(BindFailures::kebab)
			.collect(Collectors.joining(", "));
	}

	private static Class<?> box(Class<?> type) {
		if (!type.isPrimitive()) {
			return type;
		}
		return (type == boolean.class) ? Boolean.class : (type == char.class) ? Character.class : Number.class;
	}

	private static BindException bindException(Throwable failure) {
		BindException found = null;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BindException bind) {
				found = bind;
			}
		}
		return found;
	}

	private static Throwable root(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

}
