/**
 * Operator actions, for the {@code operator} role only: redriving failed tasks and their
 * dead letters.
 */
@NullMarked
package org.admoderation.api.admin;

import org.jspecify.annotations.NullMarked;
