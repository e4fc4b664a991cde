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
 * the database's, the same on every replica: dashboards take their {@code max}.
 */
@Component
class WebhookBacklog implements MeterBinder {

	private static final Logger logger = LoggerFactory.getLogger(WebhookBacklog.class);

	private final WebhookDeliveries deliveries;

	private @Nullable MultiGauge backlog;

	WebhookBacklog(WebhookDeliveries deliveries) {
		this.deliveries = deliveries;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.backlog = MultiGauge.builder(ModerationMeters.WEBHOOK_BACKLOG)
			.description("Webhook deliveries not yet made (pending), per endpoint")
			.register(registry);
		refresh();
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
