/**
 * The moderation API: accepts requests ({@code submission}), answers results
 * ({@code result}), hands tasks to Kafka through the outbox ({@code outbox}), maps errors
 * to problem details ({@code web}).
 */
@NullMarked
package org.admoderation.api;

import org.jspecify.annotations.NullMarked;
