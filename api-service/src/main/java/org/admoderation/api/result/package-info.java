@NullMarked
package org.admoderation.api.result;

import org.jspecify.annotations.NullMarked;
