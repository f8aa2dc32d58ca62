package dev.outrigger.core.traffic;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Chooses the version a request goes to: the first match rule the request satisfies, else a
 * weighted draw over the split. The weight of a version with no registered instance at all
 * goes to the others (so a split can be deployed before its canary), logged once at WARN.
 */
public final class VersionSelector {

	private static final Log logger = LogFactory.getLog(VersionSelector.class);

	private final String destination;

	private final RequestMatcher[] matchers;

	private final String[] matchVersions;

	private final String[] versions;

	private final int[] weights;

	private final DoubleSupplier random;

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	/**
	 * Compiles the split and match rules of a policy.
	 * @param destination name of the destination, for the log
	 * @param split weight per version, adding up to 100, or empty
	 * @param match match rules, first match wins
	 * @param random source of uniform draws in [0, 1)
	 */
	public VersionSelector(String destination, Map<String, Integer> split, List<MatchRule> match,
			DoubleSupplier random) {
		this.destination = destination;
		this.matchers = new RequestMatcher[match.size()];
		this.matchVersions = new String[match.size()];
		for (int i = 0; i < match.size(); i++) {
			this.matchers[i] = match.get(i).matcher();
			this.matchVersions[i] = match.get(i).version();
		}
		this.versions = split.keySet().toArray(new String[0]);
		this.weights = split.values().stream().mapToInt(Integer::intValue).toArray();
		this.random = random;
	}

	/** Whether every request may go to any version. */
	public boolean isOff() {
		return this.matchers.length == 0 && this.versions.length == 0;
	}

	/**
	 * The version this request goes to.
	 * @param request the request's headers and cookies
	 * @param registered whether a version has at least one registered instance, whatever its
	 * status
	 * @return the version, or {@code null} when any instance will do
	 */
	public String select(TrafficRequest request, Predicate<String> registered) {
		for (int i = 0; i < this.matchers.length; i++) {
			if (this.matchers[i].matches(request)) {
				return this.matchVersions[i];
			}
		}
		return (this.versions.length > 0) ? split(registered) : null;
	}

	private String split(Predicate<String> registered) {
		int total = 0;
		for (int i = 0; i < this.versions.length; i++) {
			if (registered.test(this.versions[i])) {
				total += this.weights[i];
			}
			else {
				warnOnce(this.versions[i]);
			}
		}
		if (total == 0) {
			return null;
		}
		double draw = this.random.getAsDouble() * total;
		String last = null;
		for (int i = 0; i < this.versions.length; i++) {
			if (this.weights[i] > 0 && registered.test(this.versions[i])) {
				last = this.versions[i];
				draw -= this.weights[i];
				if (draw < 0) {
					return last;
				}
			}
		}
		return last;
	}

	private void warnOnce(String version) {
		if (this.warned.add(version)) {
			logger.warn("Split of service '" + this.destination + "' names version '" + version
					+ "', which has no registered instance: its weight goes to the other versions");
		}
	}

}
