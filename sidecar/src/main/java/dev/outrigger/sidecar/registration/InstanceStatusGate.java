package dev.outrigger.sidecar.registration;

import java.util.function.Consumer;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Decides the registry status of this instance: UP only while the app is healthy and the
 * sidecar is not leaving; OUT_OF_SERVICE once it is leaving, whatever the app says.
 */
public final class InstanceStatusGate {

	private static final Log logger = LogFactory.getLog(InstanceStatusGate.class);

	private final ApplicationInfoManager infoManager;

	private final Consumer<InstanceStatus> registryOverride;

	private volatile boolean appHealthy;

	private volatile boolean leaving;

	private volatile String lastReason = "not checked yet";

	/**
	 * Creates a gate.
	 * @param infoManager the registry client's view of this instance
	 * @param registryOverride sets a status on the registry itself, which takes it over the
	 * one the instance reports (a registry keeps an UP lease UP when its own instance reports
	 * OUT_OF_SERVICE)
	 */
	public InstanceStatusGate(ApplicationInfoManager infoManager, Consumer<InstanceStatus> registryOverride) {
		this.infoManager = infoManager;
		this.registryOverride = registryOverride;
	}

	/** Records the outcome of one health check of the app and updates the registry if needed. */
	public void appChecked(boolean healthy, String reason) {
		if (healthy != this.appHealthy) {
			logger.info("App is now " + (healthy ? "healthy" : "unhealthy") + " (" + reason + ")");
		}
		this.appHealthy = healthy;
		this.lastReason = reason;
		apply();
	}

	/** Takes the instance out of service for good, ahead of shutdown. */
	public void leave() {
		boolean first = !this.leaving;
		this.leaving = true;
		apply();
		if (first) {
			try {
				this.registryOverride.accept(InstanceStatus.OUT_OF_SERVICE);
			}
			catch (RuntimeException ex) {
				logger.warn("The registry did not take OUT_OF_SERVICE (" + ex.getMessage()
						+ "); callers will see the instance go when its lease is cancelled");
			}
		}
	}

	/** Whether the app passed its last health check. */
	public boolean appHealthy() {
		return this.appHealthy;
	}

	/** What the last health check saw. */
	public String lastReason() {
		return this.lastReason;
	}

	/** The status this instance should have in the registry now. */
	public InstanceStatus desired() {
		if (this.leaving) {
			return InstanceStatus.OUT_OF_SERVICE;
		}
		return this.appHealthy ? InstanceStatus.UP : InstanceStatus.DOWN;
	}

	/** The status this instance has in the registry client now. */
	public InstanceStatus registered() {
		return this.infoManager.getInfo().getStatus();
	}

	private synchronized void apply() {
		InstanceStatus desired = desired();
		if (registered() != desired) {
			logger.info("Registry status " + registered() + " -> " + desired);
			this.infoManager.setInstanceStatus(desired);
		}
	}

}
