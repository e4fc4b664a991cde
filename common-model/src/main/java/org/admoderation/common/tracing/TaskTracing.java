package org.admoderation.common.tracing;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;

/**
 * Carries a task's trace across the outbox and Kafka. The HTTP request that creates a
 * task runs in a span (Boot's server observation, continuing the client's
 * {@code traceparent} if it sent one); {@link #currentTraceParent()} captures that span
 * as a W3C {@code traceparent} value, which is stored on the task row and sent as the
 * header of the task's Kafka records. The task is published later, by another thread, so
 * the header comes from the row rather than from whatever span the publishing thread is
 * in. Whoever logs about the task opens {@link #continueTrace} first: the log lines carry
 * the task's trace id (Boot puts {@code traceId} and {@code spanId} in the MDC).
 */
public class TaskTracing {

	/** The W3C Trace Context header and Kafka record header. */
	public static final String TRACEPARENT = "traceparent";

	private final Tracer tracer;

	private final Propagator propagator;

	public TaskTracing(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/**
	 * The current trace context, sampled or not: sampling decides whether spans are
	 * recorded, not whether the task keeps its trace id ({@code traceparent} flags
	 * {@code 00} carry the id just as well).
	 * @return the current context as a W3C {@code traceparent} value, or null outside a
	 * span (or with tracing off)
	 */
	public @Nullable String currentTraceParent() {
		TraceContext context = this.tracer.currentTraceContext().context();
		if (context == null) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>(4);
		this.propagator.inject(context, carrier, Map::put);
		return carrier.get(TRACEPARENT);
	}

	/**
	 * Starts a span in the task's trace (a new trace when it has none) and makes it
	 * current in this thread until the returned scope is closed.
	 */
	public TaskScope continueTrace(@Nullable String traceParent, String name) {
		Span span = ((traceParent != null)
				? this.propagator.extract(Map.of(TRACEPARENT, traceParent), (carrier, key) -> carrier.get(key))
					.name(name)
					.start()
				: this.tracer.nextSpan().name(name).start());
		return new TaskScope(span, this.tracer.withSpan(span));
	}

	/** A task's span, current until closed. */
	public static final class TaskScope implements AutoCloseable {

		private final Span span;

		private final Tracer.SpanInScope scope;

		private TaskScope(Span span, Tracer.SpanInScope scope) {
			this.span = span;
			this.scope = scope;
		}

		@Override
		public void close() {
			this.scope.close();
			this.span.end();
		}

	}

}
