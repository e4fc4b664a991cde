/**
 * Results pushed to clients: the events of topic {@code moderation_results}, one per
 * decision and one per failure, which {@link org.admoderation.common.task.TaskRepository}
 * writes to the {@code result_events} outbox in the transaction of the change and
 * {@link org.admoderation.common.results.ResultEventRelay} publishes after commit.
 */
@NullMarked
package org.admoderation.common.results;

import org.jspecify.annotations.NullMarked;
