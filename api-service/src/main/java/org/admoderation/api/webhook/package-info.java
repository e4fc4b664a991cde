/**
 * Webhooks: results POSTed, signed, to the endpoints an operator registered for a client
 * ({@code /admin/webhooks}), retried with a growing backoff for up to a day, each
 * endpoint with sends of its own so a slow or failing one delays no other.
 */
@NullMarked
package org.admoderation.api.webhook;

import org.jspecify.annotations.NullMarked;
