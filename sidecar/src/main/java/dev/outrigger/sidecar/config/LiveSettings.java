package dev.outrigger.sidecar.config;

import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The sidecar's current settings, bound again whenever the config repo changes, so the data
 * path always reads the latest policy without a restart. A change that does not bind keeps
 * the previous settings.
 */
public final class LiveSettings implements ApplicationListener<EnvironmentChangeEvent> {

	private static final Log logger = LogFactory.getLog(LiveSettings.class);

	private final ConfigurableEnvironment environment;

	private final AtomicReference<SidecarProperties> current;

	public LiveSettings(SidecarProperties initial, ConfigurableEnvironment environment) {
		this.environment = environment;
		this.current = new AtomicReference<>(initial);
	}

	/** The settings in force. */
	public SidecarProperties get() {
		return this.current.get();
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		try {
			SidecarProperties rebound = Binder.get(this.environment)
				.bindOrCreate("outrigger.sidecar", SidecarProperties.class);
			SidecarProperties previous = this.current.getAndSet(rebound);
			if (!rebound.equals(previous)) {
				logger.info("Sidecar settings changed: " + rebound);
			}
		}
		catch (BindException | IllegalArgumentException ex) {
			logger.error("Ignoring invalid sidecar settings, keeping the previous ones: " + rootMessage(ex));
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getMessage();
	}

}
