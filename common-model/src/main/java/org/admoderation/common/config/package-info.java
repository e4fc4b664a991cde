/**
 * Configuration both services share: the topics' settings, the database URL in the forms
 * platforms give it, and the seed's environment variable names mapped onto
 * {@code moderation.*} properties.
 */
@NullMarked
package org.admoderation.common.config;

import org.jspecify.annotations.NullMarked;
