/**
 * What the API and the worker share: Kafka message records, topic names, task status and
 * the polling relay both outboxes run on.
 */
@NullMarked
package org.admoderation.common;

import org.jspecify.annotations.NullMarked;
