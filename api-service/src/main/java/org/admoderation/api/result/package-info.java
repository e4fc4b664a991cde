/**
 * {@code GET /moderation_result/{task_id}}: a task's status and, once decided, its
 * verdict with reasons and evidence.
 */
@NullMarked
package org.admoderation.api.result;

import org.jspecify.annotations.NullMarked;
