package dev.outrigger.core.policy;

import java.util.HashSet;
import java.util.Set;

import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * A bind handler that notes the name of every property a binding read, so that what nothing
 * reads can be reported as an unknown key: the keys are those of the records, not a list.
 */
public final class ReadKeys extends AbstractBindHandler {

	private final Set<ConfigurationPropertyName> names = new HashSet<>();

	private ConfigurationPropertyName lastFailure;

	/** Notes what is read, binding as {@link BindHandler#DEFAULT} does. */
	public ReadKeys() {
	}

	/** Notes what is read, binding as {@code parent} does. */
	public ReadKeys(BindHandler parent) {
		super(parent);
	}

	@Override
	public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
		ConfigurationProperty property = context.getConfigurationProperty();
		if (property != null) {
			this.names.add(property.getName());
		}
		return super.onSuccess(name, target, context, result);
	}

	/**
	 * Notes a key that was read but did not bind, so that it is reported once, as what it is,
	 * and not also as unknown.
	 */
	@Override
	public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Exception error)
			throws Exception {
		ConfigurationProperty property = context.getConfigurationProperty();
		this.names.add((property != null) ? property.getName() : name);
		this.lastFailure = (property != null) ? property.getName() : name;
		return super.onFailure(name, target, context, error);
	}

	/** The name of the last key that did not bind, or {@code null}. */
	public ConfigurationPropertyName lastFailure() {
		return this.lastFailure;
	}

	/** Whether a binding read {@code name}. */
	public boolean contains(ConfigurationPropertyName name) {
		return this.names.contains(name);
	}

}
