/**
 * Health of what both services depend on, for their readiness groups.
 */
@NullMarked
package org.admoderation.common.health;

import org.jspecify.annotations.NullMarked;
