/**
 * Who may call the API's port: the clients' keys and the port's filter chain; the
 * actuator's chain and the key checks themselves are
 * {@link org.admoderation.common.security}'s.
 */
@NullMarked
package org.admoderation.api.security;

import org.jspecify.annotations.NullMarked;
