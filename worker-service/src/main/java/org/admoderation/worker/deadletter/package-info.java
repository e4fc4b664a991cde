@NullMarked
package org.admoderation.worker.deadletter;

import org.jspecify.annotations.NullMarked;
