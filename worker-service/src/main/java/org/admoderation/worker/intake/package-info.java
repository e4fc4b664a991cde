@NullMarked
package org.admoderation.worker.intake;

import org.jspecify.annotations.NullMarked;
