/**
 * Dead letters: written to the {@code dead_letters} table in the transaction that fails a
 * task, and relayed to {@code moderation_dlq} after commit (docs/design.md, invariant 3).
 */
@NullMarked
package org.admoderation.common.deadletter;

import org.jspecify.annotations.NullMarked;
