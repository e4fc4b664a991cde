package org.admoderation.worker.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
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

	private final ResourceLoader resources;

	private final KafkaListenerEndpointRegistry listeners;

	private volatile @Nullable ModerationModel model;

	private volatile String problem = "Model not loaded yet";

	private volatile boolean running;

	private @Nullable ScheduledExecutorService reloader;

	public ModelLifecycle(ModelProperties properties, ResourceLoader resources,
			KafkaListenerEndpointRegistry listeners) {
		this.properties = properties;
		this.resources = resources;
		this.listeners = listeners;
	}

	/**
	 * The loaded model.
	 * @throws IllegalStateException when none is loaded (the listener does not run then)
	 */
	public ModerationModel model() {
		ModerationModel loaded = this.model;
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

	private boolean tryLoad() {
		String source = source();
		try {
			this.model = ModerationModel.load(read(source), source);
		}
		catch (IncompatibleModel ex) {
			this.problem = ex.getMessage();
			logger.error("Not consuming moderation requests: {}. Retrying in {}.", ex.getMessage(),
					this.properties.reloadInterval());
			return false;
		}
		MessageListenerContainer listener = this.listeners.getListenerContainer(LISTENER_ID);
		if (listener != null && !listener.isRunning()) {
			listener.start();
		}
		return true;
	}

	private String source() {
		return this.properties.path().isBlank() ? this.properties.bundledLocation() : this.properties.path();
	}

	private byte[] read(String source) {
		try {
			if (!this.properties.path().isBlank()) {
				return Files.readAllBytes(Path.of(source));
			}
			Resource resource = this.resources.getResource(source);
			try (InputStream input = resource.getInputStream()) {
				return input.readAllBytes();
			}
		}
		catch (IOException | RuntimeException ex) {
			throw new IncompatibleModel("Model " + source + " cannot be read: " + ex.getMessage(), ex);
		}
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
		ModerationModel loaded = this.model;
		this.model = null;
		this.problem = "Worker stopped";
		if (loaded != null) {
			loaded.close();
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
