@NullMarked
package org.admoderation.model.signals;

import org.jspecify.annotations.NullMarked;
