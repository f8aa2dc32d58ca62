package dev.outrigger.configserver.publish;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

import dev.outrigger.configserver.source.RepoSource;
import dev.outrigger.configserver.source.Revision;
import dev.outrigger.configserver.validation.ConfigValidator;
import dev.outrigger.configserver.validation.ServedPolicies;
import dev.outrigger.configserver.validation.Problem;

/**
 * Follows the config repo: reads it every {@code interval}, validates each new revision as a
 * whole, and either publishes it (and tells every listener, i.e. the members' event streams)
 * or refuses it, leaving the last good revision served.
 */
public final class ConfigPublisher implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ConfigPublisher.class);

	private final RepoSource source;

	private final ConfigValidator validator;

	private final PublishedRevisions published;

	private final Duration interval;

	private final List<Consumer<PublishState>> listeners = new CopyOnWriteArrayList<>();

	private volatile PublishState state;

	private String lastSeen;

	private volatile ScheduledExecutorService scheduler;

	public ConfigPublisher(RepoSource source, ConfigValidator validator, PublishedRevisions published,
			Duration interval) {
		this.source = source;
		this.validator = validator;
		this.published = published;
		this.interval = interval;
		this.state = new PublishState(source.describe(), published.current(), null, List.of(), null, null);
	}

	/** What is served and what was refused. */
	public PublishState state() {
		return this.state;
	}

	/** Calls {@code listener} with the new state after every revision applied or refused. */
	public void onChange(Consumer<PublishState> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Reads the repo now and applies or refuses what is new.
	 * @return the state afterwards
	 */
	public synchronized PublishState check() {
		Revision revision;
		try {
			revision = this.source.read();
		}
		catch (IOException | RuntimeException ex) {
			if (this.state.sourceError() == null) {
				logger.warn("Cannot read the config repo " + this.source.describe() + " (" + ex.getMessage()
						+ "); serving revision " + this.state.revision() + " until it can be read");
			}
			this.state = this.state.unreadable(String.valueOf(ex.getMessage()));
			return this.state;
		}
		if (this.state.sourceError() != null) {
			logger.info("The config repo " + this.source.describe() + " can be read again");
			this.state = this.state.unreadable(null);
		}
		if (revision.id().equals(this.lastSeen)) {
			return this.state;
		}
		this.lastSeen = revision.id();
		apply(revision);
		return this.state;
	}

	private void apply(Revision revision) {
		List<Problem> problems = this.validator.validate(revision.files());
		List<Problem> errors = problems.stream().filter(Problem::isError).toList();
		if (!errors.isEmpty()) {
			this.state = this.state.refusing(revision.id(), problems);
			logger.error("Refused config revision " + revision.shortId() + " as a whole (" + errors.size()
					+ " error(s)); still serving " + this.state.revision() + ":\n  "
					+ String.join("\n  ", problems.stream().map(Problem::toString).toList()));
			notifyListeners();
			return;
		}
		if (revision.id().equals(this.state.revision()) && this.state.appliedAt() != null) {
			return;
		}
		try {
			this.published.publish(revision, ServedPolicies.properties(revision.files()));
		}
		catch (IOException ex) {
			this.lastSeen = null;
			logger.error("Cannot publish config revision " + revision.shortId() + "; will try again", ex);
			return;
		}
		this.state = this.state.applied(revision.id(), problems);
		logger.info("Applied config revision " + revision.id() + " from " + this.source.describe()
				+ (problems.isEmpty() ? "" : "; warnings:\n  " + String.join("\n  ",
						problems.stream().map(Problem::toString).toList())));
		notifyListeners();
	}

	private void notifyListeners() {
		for (Consumer<PublishState> listener : this.listeners) {
			try {
				listener.accept(this.state);
			}
			catch (RuntimeException ex) {
				logger.warn("A config listener failed", ex);
			}
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "outrigger-config-publisher");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		executor.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
		this.scheduler = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		if (executor != null) {
			executor.shutdownNow();
		}
		this.scheduler = null;
		this.source.close();
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
