/**
 * Who may call what, through Spring Security: keys issued to named holders in one
 * {@link org.admoderation.common.security.Role} each, checked in constant time by the
 * {@link org.admoderation.common.security.KeyRing}, and the actuator's filter chain. The
 * only place a key is compared.
 */
@NullMarked
package org.admoderation.common.security;

import org.jspecify.annotations.NullMarked;
