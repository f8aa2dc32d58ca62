package dev.outrigger.gateway.resilience;

import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

import dev.outrigger.core.policy.EdgePolicy;

/**
 * The edge policy in force, bound again whenever the config repo changes. A change that does
 * not bind keeps the previous policy and says why in the log.
 */
public final class EdgePolicies implements ApplicationListener<EnvironmentChangeEvent> {

	private static final Log logger = LogFactory.getLog(EdgePolicies.class);

	private final Environment environment;

	private final AtomicReference<EdgePolicy> current;

	public EdgePolicies(Environment environment) {
		this.environment = environment;
		this.current = new AtomicReference<>(bind());
	}

	/** The policy in force. */
	public EdgePolicy get() {
		return this.current.get();
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		try {
			EdgePolicy policy = bind();
			if (!policy.equals(this.current.getAndSet(policy))) {
				logger.info("Edge policy changed: " + policy);
			}
		}
		catch (RuntimeException ex) {
			Throwable cause = ex;
			while (cause.getCause() != null) {
				cause = cause.getCause();
			}
			logger.error("Ignoring invalid outrigger.gateway policy, keeping the previous one: " + cause.getMessage());
		}
	}

	private EdgePolicy bind() {
		return Binder.get(this.environment).bindOrCreate("outrigger.gateway", EdgePolicy.class);
	}

}
