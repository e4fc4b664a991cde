/**
 * The machinery both outboxes run on: a background loop that drains a table until it is
 * empty and backs off when the database or broker is away, and a publisher that sends a
 * batch and reports which records the broker acknowledged.
 */
@NullMarked
package org.admoderation.common.relay;

import org.jspecify.annotations.NullMarked;
