package org.admoderation.api.webhook;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.admoderation.common.metrics.ModerationMeters;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deliveries not yet made, per endpoint, counted every 10 s in one query. The figures are
 * the database's, the same on every replica: dashboards take their {@code max}. And the
 * delivery log's retention ({@link WebhookProperties#logRetention()}), hourly.
 */
@Component
class WebhookBacklog implements MeterBinder {

	private static final Logger logger = LoggerFactory.getLogger(WebhookBacklog.class);

	private final WebhookDeliveries deliveries;

	private final WebhookProperties properties;

	private @Nullable MultiGauge backlog;

	WebhookBacklog(WebhookDeliveries deliveries, WebhookProperties properties) {
		this.deliveries = deliveries;
		this.properties = properties;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.backlog = MultiGauge.builder(ModerationMeters.WEBHOOK_BACKLOG)
			.description("Webhook deliveries not yet made (pending), per endpoint")
			.register(registry);
		refresh();
	}

	/** The log's retention, applied hourly. */
	@Scheduled(fixedDelayString = "1h", initialDelayString = "1m")
	void purge() {
		try {
			int purged = this.deliveries.purge(this.properties.logRetention());
			if (purged > 0) {
				logger.info("Forgot {} webhook deliveries that ended more than {} ago", purged,
						this.properties.logRetention());
			}
		}
		catch (DataAccessException ex) {
			logger.warn("Webhook deliveries not purged, next hour then: {}", ex.toString());
		}
	}

	@Scheduled(fixedDelayString = "10s", initialDelayString = "10s")
	void refresh() {
		MultiGauge gauge = this.backlog;
		if (gauge == null) {
			return;
		}
		try {
			List<MultiGauge.Row<?>> rows = this.deliveries.backlog()
				.entrySet()
				.stream().<MultiGauge
						.Row<?>>map(
								(entry) -> MultiGauge.Row.of(Tags.of(ModerationMeters.ENDPOINT, entry.getKey()),
										entry.getValue()))
				.toList();
			// Endpoints removed since the last count disappear from the series.
			gauge.register(rows, true);
		}
		catch (DataAccessException ex) {
			logger.debug("Webhook backlog not measured: {}", ex.toString());
		}
	}

}
