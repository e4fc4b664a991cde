@NullMarked
package org.admoderation.worker.scoring;

import org.jspecify.annotations.NullMarked;
