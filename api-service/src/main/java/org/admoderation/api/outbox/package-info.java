@NullMarked
package org.admoderation.api.outbox;

import org.jspecify.annotations.NullMarked;
