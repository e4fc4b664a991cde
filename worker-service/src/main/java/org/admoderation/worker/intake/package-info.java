/**
 * The worker's Kafka side: the batch listener, the parsing of raw records into
 * {@link org.admoderation.worker.moderation.InboundRecord}s (a record that does not parse
 * is dead-lettered, never retried), the one error handler and the listener's health.
 */
@NullMarked
package org.admoderation.worker.intake;

import org.jspecify.annotations.NullMarked;
