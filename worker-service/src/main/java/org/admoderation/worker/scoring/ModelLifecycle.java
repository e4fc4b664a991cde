package org.admoderation.worker.scoring;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.admoderation.model.IncompatibleModel;
import org.admoderation.model.PolicyModel;
import org.admoderation.model.encoder.SentenceEncoder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * No model, no consumption: loads the model at start-up and only then starts the
 * moderation listener. A worker whose model cannot be loaded stays up but takes no tasks,
 * reports itself out of service (see {@link ModelHealthIndicator}), logs why, and tries
 * again periodically; the tasks wait in Kafka for a healthy worker instead of failing.
 */
@Component
public class ModelLifecycle implements SmartLifecycle {

	/**
	 * The id of the moderation {@code @KafkaListener}, which does not start on its own.
	 */
	public static final String LISTENER_ID = "moderation-listener";

	private static final Logger logger = LoggerFactory.getLogger(ModelLifecycle.class);

	private final ModelProperties properties;

	private final ModelSource source;

	private final @Nullable ModelRegistration registration;

	private final KafkaListenerEndpointRegistry listeners;

	private volatile @Nullable PolicyModel model;

	private @Nullable SentenceEncoder encoder;

	private volatile String problem = "Model not loaded yet";

	private volatile boolean running;

	private @Nullable ScheduledExecutorService reloader;

	public ModelLifecycle(ModelProperties properties, ModelSource source,
			ObjectProvider<ModelRegistration> registration, KafkaListenerEndpointRegistry listeners) {
		this.properties = properties;
		this.source = source;
		this.registration = registration.getIfAvailable();
		this.listeners = listeners;
	}

	/**
	 * The loaded model.
	 * @throws IllegalStateException when none is loaded (the listener does not run then)
	 */
	public PolicyModel model() {
		PolicyModel loaded = this.model;
		if (loaded == null) {
			throw new IllegalStateException(this.problem);
		}
		return loaded;
	}

	/** Why no model is loaded, or null when one is. */
	public @Nullable String problem() {
		return (this.model != null) ? null : this.problem;
	}

	@Override
	public synchronized void start() {
		this.running = true;
		registerBundledModel();
		if (!tryLoad()) {
			ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "model-reloader");
				thread.setDaemon(true);
				return thread;
			});
			long interval = this.properties.reloadInterval().toMillis();
			executor.scheduleWithFixedDelay(this::retryLoad, interval, interval, TimeUnit.MILLISECONDS);
			this.reloader = executor;
		}
	}

	private synchronized void retryLoad() {
		if (this.running && this.model == null && tryLoad() && this.reloader != null) {
			this.reloader.shutdown();
		}
	}

	private void registerBundledModel() {
		if (this.registration == null) {
			return;
		}
		try {
			this.registration.registerBundledModel();
		}
		catch (RuntimeException ex) {
			// The worker can still serve the model from its configured source; say loudly
			// what failed.
			logger.error("REGISTER_MODEL=true but the bundled model was not registered: {}", ex.toString());
		}
	}

	private boolean tryLoad() {
		try {
			if (this.encoder == null) {
				// fixed and bundled: loaded once, whichever head comes and goes
				this.encoder = SentenceEncoder.bundled(this.properties.intraOpThreads());
			}
			this.model = PolicyModel.load(this.source.fetch(), this.source.description(),
					this.properties.intraOpThreads(), this.encoder, this.properties.overrides());
		}
		catch (RuntimeException ex) {
			// Anything, not only the expected failures: an escaping exception would
			// silently end the scheduled reload and leave the worker not ready for good.
			this.problem = (ex instanceof ModelUnavailable || ex instanceof IncompatibleModel) ? ex.getMessage()
					: "Model could not be loaded from " + this.source.description() + ": " + ex;
			logger.error("Not consuming moderation requests: {}. Retrying in {}.", this.problem,
					this.properties.reloadInterval());
			return false;
		}
		MessageListenerContainer listener = this.listeners.getListenerContainer(LISTENER_ID);
		if (listener != null && !listener.isRunning()) {
			listener.start();
		}
		return true;
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		if (this.reloader != null) {
			this.reloader.shutdownNow();
			this.reloader = null;
		}
		MessageListenerContainer listener = this.listeners.getListenerContainer(LISTENER_ID);
		if (listener != null && listener.isRunning()) {
			listener.stop();
		}
		PolicyModel loaded = this.model;
		this.model = null;
		this.problem = "Worker stopped";
		// The listener's stop waits for its batch only so long: the model is freed once
		// the batch's last call has returned, and the encoder only after the model.
		if (loaded != null && !loaded.closeWhenIdle(PolicyModel.CLOSE_WAIT)) {
			return;
		}
		if (this.encoder != null) {
			this.encoder.close();
			this.encoder = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// After the listener containers (which do not auto-start here), so we stop them
		// first on shutdown.
		return Integer.MAX_VALUE - 50;
	}

}
