@NullMarked
package org.admoderation.model.encoder;

import org.jspecify.annotations.NullMarked;
