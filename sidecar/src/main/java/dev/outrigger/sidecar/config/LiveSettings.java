package dev.outrigger.sidecar.config;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.outrigger.core.traffic.TrafficPolicy;
import dev.outrigger.core.traffic.TrafficRules;

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
		this.current = new AtomicReference<>(Settings.bind(initial, environment));
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

	/**
	 * The traffic rules in force for calls to {@code destination}: each block of
	 * {@code outrigger.sidecar.destinations.<destination>} that is set, else the mesh-wide
	 * block of {@code outrigger.sidecar.outbound}; {@link TrafficRules#isOff() off} when none is.
	 */
	public TrafficRules traffic(String destination) {
		Settings settings = this.current.get();
		TrafficRules specific = settings.trafficRules().get(destination);
		return (specific != null) ? specific : settings.meshWideRules();
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		try {
			SidecarProperties rebound = Binder.get(this.environment)
				.bindOrCreate("outrigger.sidecar", SidecarProperties.class);
			Settings settings = Settings.bind(rebound, this.environment);
			Settings previous = this.current.getAndSet(settings);
			if (!settings.sameAs(previous)) {
				logger.info("Sidecar settings changed: " + rebound + ", per destination: " + settings.destinations()
						+ ", traffic: " + settings.meshWideRules().policy() + ", traffic per destination: "
						+ settings.traffic());
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

	/** Everything bound at once, with the traffic rules compiled from the policies. */
	private record Settings(SidecarProperties properties, Map<String, SidecarProperties.Outbound> destinations,
			Map<String, TrafficPolicy> traffic, Map<String, TrafficRules> trafficRules, TrafficRules meshWideRules) {

		static Settings bind(SidecarProperties properties, ConfigurableEnvironment environment) {
			TrafficPolicy meshWide = TrafficOverlay.meshWide(environment);
			Map<String, TrafficPolicy> traffic = new HashMap<>();
			Map<String, TrafficRules> rules = new HashMap<>();
			for (String destination : TrafficOverlay.destinations(environment)) {
				TrafficPolicy policy = TrafficOverlay.bind(environment, meshWide, destination);
				traffic.put(destination, policy);
				rules.put(destination, compile(destination, policy));
			}
			return new Settings(properties, DestinationOverlay.bind(environment, properties.destinations().keySet()),
					Map.copyOf(traffic), Map.copyOf(rules), compile("(every destination)", meshWide));
		}

		private static TrafficRules compile(String destination, TrafficPolicy policy) {
			return policy.isOff() ? TrafficRules.OFF
					: new TrafficRules(destination, policy, TrafficRules.THREAD_LOCAL_RANDOM);
		}

		/** Whether both hold the same settings (compiled rules aside). */
		boolean sameAs(Settings other) {
			return this.properties.equals(other.properties) && this.destinations.equals(other.destinations)
					&& this.traffic.equals(other.traffic)
					&& this.meshWideRules.policy().equals(other.meshWideRules.policy());
		}

	}

}
