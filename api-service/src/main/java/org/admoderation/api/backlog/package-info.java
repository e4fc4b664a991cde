/**
 * How far behind the pipeline is, as metrics: what waits in PostgreSQL (the outbox,
 * pending tasks, unpublished dead letters) and what waits in Kafka (the workers' consumer
 * lag per partition). Measured by the API, which runs whether or not any worker does.
 */
@NullMarked
package org.admoderation.api.backlog;

import org.jspecify.annotations.NullMarked;
