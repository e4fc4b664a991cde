/**
 * Credentials: comparing keys in constant time, the operators' keys (admin, metrics), and
 * the guard that keeps the actuator (everything but health) closed to anonymous callers.
 */
@NullMarked
package org.admoderation.common.access;

import org.jspecify.annotations.NullMarked;
