/**
 * What happens to a task once its record is read:
 * {@link org.admoderation.worker.moderation.Triage} (a pure function) sorts a batch into
 * tasks to score, to skip and to fail;
 * {@link org.admoderation.worker.moderation.ModerationProcessor} scores them and stores
 * verdicts and failures in one transaction through the
 * {@link org.admoderation.worker.moderation.TaskStore}.
 */
@NullMarked
package org.admoderation.worker.moderation;

import org.jspecify.annotations.NullMarked;
