/**
 * The whole system in one JVM without Docker: embedded PostgreSQL and Kafka, the API and
 * workers.
 */
@NullMarked
package org.admoderation.local;

import org.jspecify.annotations.NullMarked;
