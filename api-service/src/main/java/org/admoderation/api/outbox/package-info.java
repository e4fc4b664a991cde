/**
 * The API's outbox: the relay that publishes committed tasks to the {@code moderation}
 * topic after commit (woken by each submission, polling as a safety net), republishes
 * tasks nobody finished and gives up on those that used their attempts (docs/design.md,
 * invariants 1 and 6).
 */
@NullMarked
package org.admoderation.api.outbox;

import org.jspecify.annotations.NullMarked;
