/**
 * Moderation tasks and their life cycle: {@link org.admoderation.common.task.TaskStatus}
 * and {@link org.admoderation.common.task.TaskRepository}, the one class that writes
 * {@code moderation_results}, used by both services.
 */
@NullMarked
package org.admoderation.common.task;

import org.jspecify.annotations.NullMarked;
