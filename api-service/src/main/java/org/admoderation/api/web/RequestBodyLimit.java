package org.admoderation.api.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Bounds every request body. One whose declared length is too large is refused with a 413
 * before anything reads it; one sent in chunks, without a length, is cut off with the
 * same 413 as soon as a reader goes past the bound. Without it a single anonymous request
 * of 120 MB filled the heap while Jackson parsed it. Form bodies, which the servlet
 * container parses itself, are bounded by {@code server.tomcat.max-http-form-post-size}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@EnableConfigurationProperties(RequestLimitsProperties.class)
class RequestBodyLimit extends OncePerRequestFilter {

	private final long maxBytes;

	private final HandlerExceptionResolver problems;

	RequestBodyLimit(RequestLimitsProperties limits,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
		this.maxBytes = limits.maxBodySize().toBytes();
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			// Answered by the one problem-details advice, like every other error.
			this.problems.resolveException(request, response, null, new RequestBodyTooLarge(this.maxBytes));
			return;
		}
		chain.doFilter(new BoundedBodyRequest(request, this.maxBytes), response);
	}

	private static final class BoundedBodyRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private BoundedBodyRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			return new BoundedInputStream(super.getInputStream(), this.maxBytes);
		}

	}

	private static final class BoundedInputStream extends ServletInputStream {

		private final ServletInputStream body;

		private final long maxBytes;

		private long read;

		private BoundedInputStream(ServletInputStream body, long maxBytes) {
			this.body = body;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int next = this.body.read();
			if (next >= 0) {
				count(1);
			}
			return next;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int count = this.body.read(buffer, offset, length);
			if (count > 0) {
				count(count);
			}
			return count;
		}

		private void count(int bytes) {
			this.read += bytes;
			if (this.read > this.maxBytes) {
				throw new RequestBodyTooLarge(this.maxBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return this.body.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.body.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.body.setReadListener(listener);
		}

	}

}
