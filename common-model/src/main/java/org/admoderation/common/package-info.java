/**
 * What the API and the worker share: the task and its life cycle ({@code task}), the
 * Kafka contract ({@code messaging}), dead letters, the outbox relay machinery, security,
 * tracing, health, metric names and configuration.
 */
@NullMarked
package org.admoderation.common;

import org.jspecify.annotations.NullMarked;
