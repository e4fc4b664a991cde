package org.admoderation.api.backlog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Backlog measurement ({@code moderation.backlog.*}).
 *
 * @param consumerGroup the workers' consumer group, whose lag on {@code moderation} is
 * measured ({@code MODERATION_CONSUMER_GROUP}, as for the workers)
 * @param lagInterval how often the lag is measured (three admin requests each time)
 */
@ConfigurationProperties("moderation.backlog")
public record BacklogProperties(@DefaultValue("moderation-workers") String consumerGroup,
		@DefaultValue("10s") Duration lagInterval) {

}
