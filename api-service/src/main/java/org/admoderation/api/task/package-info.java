@NullMarked
package org.admoderation.api.task;

import org.jspecify.annotations.NullMarked;
