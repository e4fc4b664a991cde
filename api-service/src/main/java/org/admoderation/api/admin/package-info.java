/**
 * Operator actions, closed unless an admin API key is configured: redriving failed tasks.
 */
@NullMarked
package org.admoderation.api.admin;

import org.jspecify.annotations.NullMarked;
