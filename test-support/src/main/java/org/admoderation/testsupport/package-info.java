/**
 * Real PostgreSQL and Kafka for tests: Testcontainers (PostgreSQL, Redpanda) where a
 * Docker engine runs, embedded ones (zonky PostgreSQL, Kafka's KRaft broker) where it
 * does not.
 */
@NullMarked
package org.admoderation.testsupport;

import org.jspecify.annotations.NullMarked;
