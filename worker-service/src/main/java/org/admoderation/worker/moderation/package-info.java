@NullMarked
package org.admoderation.worker.moderation;

import org.jspecify.annotations.NullMarked;
