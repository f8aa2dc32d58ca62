package dev.outrigger.core.policy;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;

import dev.outrigger.core.traffic.TrafficPolicy;

/**
 * Lays one traffic policy over another block by block: each block (split, match, fault, ...)
 * set under a prefix replaces the block below as a whole. The blocks are the components of
 * {@link TrafficPolicy}, so a block added there is laid over like the others.
 */
final class TrafficBlocks {

	private static final RecordComponent[] COMPONENTS = TrafficPolicy.class.getRecordComponents();

	private static final List<String> NAMES = Arrays.stream(COMPONENTS)
		.map((component) -> BindFailures.kebab(component.getName()))
		.toList();

	private TrafficBlocks() {
	}

	/**
	 * The blocks set under {@code prefix} over those of {@code below}.
	 * @throws RuntimeException a bind exception when the blocks under {@code prefix} do not bind
	 */
	static TrafficPolicy overlay(Iterable<ConfigurationPropertySource> sources, String prefix, TrafficPolicy below,
			BindHandler handler) {
		boolean[] set = new boolean[COMPONENTS.length];
		boolean any = false;
		for (int i = 0; i < COMPONENTS.length; i++) {
			set[i] = isSet(sources, ConfigurationPropertyName.of(prefix + "." + NAMES.get(i)));
			any |= set[i];
		}
		if (!any) {
			return below;
		}
		TrafficPolicy own = new Binder(sources).bindOrCreate(prefix, Bindable.of(TrafficPolicy.class), handler);
		Object[] blocks = new Object[COMPONENTS.length];
		for (int i = 0; i < COMPONENTS.length; i++) {
			blocks[i] = value(COMPONENTS[i], set[i] ? own : below);
		}
		return create(blocks);
	}

	private static boolean isSet(Iterable<ConfigurationPropertySource> sources, ConfigurationPropertyName name) {
		for (ConfigurationPropertySource source : sources) {
			if (source.getConfigurationProperty(name) != null
					|| source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
				return true;
			}
		}
		return false;
	}

	private static Object value(RecordComponent component, TrafficPolicy policy) {
		try {
			return component.getAccessor().invoke(policy);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("cannot read " + component.getName() + " of a traffic policy", ex);
		}
	}

	private static TrafficPolicy create(Object[] blocks) {
		try {
			Class<?>[] types = Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new);
			Constructor<TrafficPolicy> constructor = TrafficPolicy.class.getDeclaredConstructor(types);
			return constructor.newInstance(blocks);
		}
		catch (InvocationTargetException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("cannot create a traffic policy", ex);
		}
	}

}
