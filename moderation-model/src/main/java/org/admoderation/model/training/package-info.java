@NullMarked
package org.admoderation.model.training;

import org.jspecify.annotations.NullMarked;
