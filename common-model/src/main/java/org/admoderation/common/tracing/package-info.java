/**
 * A task's trace: the W3C trace context of the request that created it, stored with the
 * task, sent as the {@code traceparent} header of its Kafka records, and continued
 * wherever the task is logged.
 */
@NullMarked
package org.admoderation.common.tracing;

import org.jspecify.annotations.NullMarked;
