/**
 * The Kafka contract: the records on {@code moderation} and {@code moderation_dlq}, the
 * topic names and a shared admin client for periodic checks.
 */
@NullMarked
package org.admoderation.common.messaging;

import org.jspecify.annotations.NullMarked;
