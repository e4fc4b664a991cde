package org.admoderation.common.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Partitioning of the moderation topics ({@code moderation.topics.*}).
 *
 * @param moderationPartitions partitions of {@code moderation}: the cap on worker
 * parallelism
 * @param deadLetterPartitions partitions of {@code moderation_dlq}
 * @param resultPartitions partitions of {@code moderation_results}: the cap on the
 * parallelism of a consumer group reading results
 * @param replicationFactor replicas of each partition; 0 or less uses the broker's
 * default. Production: 3
 * @param minInsyncReplicas the topics' {@code min.insync.replicas}: with the producers'
 * {@code acks=all}, how many replicas must have a record before it counts as sent; 0 or
 * less uses the broker's default. Production: 2, so one broker may be lost without losing
 * an acknowledged record or stopping writes
 */
@Validated
@ConfigurationProperties("moderation.topics")
public record TopicProperties(@DefaultValue("6") @Min(1) int moderationPartitions,
		@DefaultValue("3") @Min(1) int deadLetterPartitions, @DefaultValue("6") @Min(1) int resultPartitions,
		@DefaultValue("0") int replicationFactor, @DefaultValue("0") int minInsyncReplicas) {

	/**
	 * More replicas in sync than there are replicas would refuse every acks=all write.
	 * @return whether the two settings agree (or one is the broker's default)
	 */
	@AssertTrue(message = "min-insync-replicas must not exceed replication-factor")
	public boolean isInsyncWithinReplication() {
		return this.minInsyncReplicas <= 0 || this.replicationFactor <= 0
				|| this.minInsyncReplicas <= this.replicationFactor;
	}

}
