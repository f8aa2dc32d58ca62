package dev.outrigger.sidecar.config;

import java.util.Map;
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

	private final AtomicReference<Settings> current;

	public LiveSettings(SidecarProperties initial, ConfigurableEnvironment environment) {
		this.environment = environment;
		this.current = new AtomicReference<>(
				new Settings(initial, DestinationOverlay.bind(environment, initial.destinations().keySet())));
	}

	/** The settings in force. */
	public SidecarProperties get() {
		return this.current.get().properties();
	}

	/**
	 * The outbound policy in force for calls to {@code destination}: the mesh-wide
	 * {@code outrigger.sidecar.outbound}, with what {@code outrigger.sidecar.destinations.<destination>}
	 * sets instead.
	 */
	public SidecarProperties.Outbound outbound(String destination) {
		Settings settings = this.current.get();
		SidecarProperties.Outbound specific = settings.destinations().get(destination);
		return (specific != null) ? specific : settings.properties().outbound();
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		try {
			SidecarProperties rebound = Binder.get(this.environment)
				.bindOrCreate("outrigger.sidecar", SidecarProperties.class);
			Settings settings = new Settings(rebound,
					DestinationOverlay.bind(this.environment, rebound.destinations().keySet()));
			Settings previous = this.current.getAndSet(settings);
			if (!settings.equals(previous)) {
				logger.info("Sidecar settings changed: " + rebound + ", per destination: " + settings.destinations());
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

	private record Settings(SidecarProperties properties, Map<String, SidecarProperties.Outbound> destinations) {
	}

}
