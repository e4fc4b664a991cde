@NullMarked
package org.admoderation.common.relay;

import org.jspecify.annotations.NullMarked;
