/**
 * Who may call the API: the optional key of the public endpoints, and the comparison of
 * keys that the admin endpoints share.
 */
@NullMarked
package org.admoderation.api.access;

import org.jspecify.annotations.NullMarked;
