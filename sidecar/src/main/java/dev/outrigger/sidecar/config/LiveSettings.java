package dev.outrigger.sidecar.config;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.outrigger.core.policy.BindFailures;
import dev.outrigger.core.policy.SidecarPolicies;
import dev.outrigger.core.policy.SidecarProperties;
import dev.outrigger.core.traffic.TrafficPolicy;
import dev.outrigger.core.traffic.TrafficRules;

/**
 * The sidecar's current settings, bound again whenever the config repo changes, so the data
 * path always reads the latest policy without a restart. A change that does not bind keeps
 * the previous settings: all of them when the sidecar's own keys or its mesh-wide
 * {@code outbound} are at fault, else only the previous policy of the destination at fault.
 * Either way the refusal is logged and shown by {@link #refused()}.
 */
public final class LiveSettings implements ApplicationListener<EnvironmentChangeEvent> {

	private static final Log logger = LogFactory.getLog(LiveSettings.class);

	/** The key under which {@link #refused()} reports a refusal of the sidecar's own settings. */
	static final String WHOLE = SidecarPolicies.PREFIX;

	private final ConfigurableEnvironment environment;

	private final AtomicReference<Settings> current;

	public LiveSettings(SidecarProperties initial, ConfigurableEnvironment environment) {
		this.environment = environment;
		SidecarPolicies policies = SidecarPolicies.bind(initial, ConfigurationPropertySources.get(environment), null,
				BindHandler.DEFAULT);
		policies.refused().forEach((destination, reason) -> logRefused(destination, reason, false));
		this.current = new AtomicReference<>(Settings.of(policies, null));
	}

	/** The settings in force. */
	public SidecarProperties get() {
		return this.current.get().policies().properties();
	}

	/**
	 * The outbound policy in force for calls to {@code destination}: the caller's
	 * {@code destinations.<destination>}, over the service's own policy, over the mesh-wide
	 * {@code outbound}, key by key.
	 */
	public SidecarProperties.Outbound outbound(String destination) {
		return this.current.get().policies().outbound(destination);
	}

	/**
	 * The traffic rules in force for calls to {@code destination}, block by block in the same
	 * order as {@link #outbound(String)}; {@link TrafficRules#isOff() off} when none is set.
	 */
	public TrafficRules traffic(String destination) {
		Settings settings = this.current.get();
		TrafficRules specific = settings.trafficRules().get(destination);
		return (specific != null) ? specific : settings.meshWideRules();
	}

	/** Per destination (or {@value #WHOLE} for the sidecar's own settings), why its policy was refused. */
	public Map<String, String> refused() {
		Settings settings = this.current.get();
		Map<String, String> refused = new TreeMap<>(settings.policies().refused());
		if (settings.wholeRefusal() != null) {
			refused.put(WHOLE, settings.wholeRefusal());
		}
		return refused;
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		Settings previous = this.current.get();
		try {
			SidecarPolicies policies = SidecarPolicies.bind(ConfigurationPropertySources.get(this.environment),
					previous.policies(), BindHandler.DEFAULT);
			Settings settings = Settings.of(policies, null);
			this.current.set(settings);
			policies.refused().forEach((destination, reason) -> logRefused(destination, reason, true));
			if (!policies.equals(previous.policies())) {
				logger.info("Sidecar settings changed: " + policies.properties() + ", per destination: "
						+ policies.outbound() + ", traffic: " + policies.meshWideTraffic()
						+ ", traffic per destination: " + policies.traffic());
			}
		}
		catch (RuntimeException ex) {
			String reason = BindFailures.describe(ex);
			this.current.set(new Settings(previous.policies(), previous.trafficRules(), previous.meshWideRules(),
					reason));
			logger.error("Ignoring invalid sidecar settings, keeping the previous ones: " + reason);
		}
	}

	private static void logRefused(String destination, String reason, boolean keeping) {
		logger.error("Refusing the policy of destination '" + destination + "': " + reason
				+ (keeping ? "; keeping its previous policy" : "; calls to it use the mesh-wide policy"));
	}

	/** Everything bound at once, with the traffic rules compiled from the policies. */
	private record Settings(SidecarPolicies policies, Map<String, TrafficRules> trafficRules,
			TrafficRules meshWideRules, String wholeRefusal) {

		static Settings of(SidecarPolicies policies, String wholeRefusal) {
			Map<String, TrafficRules> rules = new HashMap<>();
			policies.traffic().forEach((destination, policy) -> rules.put(destination, compile(destination, policy)));
			return new Settings(policies, Map.copyOf(rules), compile("(every destination)", policies.meshWideTraffic()),
					wholeRefusal);
		}

		private static TrafficRules compile(String destination, TrafficPolicy policy) {
			return policy.isOff() ? TrafficRules.OFF
					: new TrafficRules(destination, policy, TrafficRules.THREAD_LOCAL_RANDOM);
		}

	}

}
