@NullMarked
package org.admoderation.common.deadletter;

import org.jspecify.annotations.NullMarked;
