/**
 * The names of the moderation metrics both services publish, in one place: the metrics
 * table of docs/operations.md, the Grafana dashboard and the tests refer to these.
 */
@NullMarked
package org.admoderation.common.metrics;

import org.jspecify.annotations.NullMarked;
