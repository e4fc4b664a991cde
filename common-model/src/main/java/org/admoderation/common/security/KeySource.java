package org.admoderation.common.security;

import java.util.List;

/**
 * Configuration that issues keys (operators', clients', reviewers'): every bean of this
 * type contributes its keys to the one {@link KeyRing}.
 */
@FunctionalInterface
public interface KeySource {

	List<IssuedKey> issuedKeys();

}
