package org.admoderation.worker.moderation;

import org.admoderation.common.task.TaskStatus;
import org.admoderation.model.Advertisement;
import org.jspecify.annotations.Nullable;

/**
 * A task as the worker finds it: its state and, if the ad still exists, the ad with its
 * seller.
 */
record TaskSnapshot(long taskId, long itemId, TaskStatus status, int attempts, @Nullable Advertisement advertisement) {

}
