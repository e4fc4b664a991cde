@NullMarked
package org.admoderation.common.messaging;

import org.jspecify.annotations.NullMarked;
