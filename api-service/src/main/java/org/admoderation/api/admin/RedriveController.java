package org.admoderation.api.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.admoderation.common.access.ManagementAccessFilter;
import org.admoderation.common.access.OperatorKeys;
import org.admoderation.common.metrics.ModerationMeters;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /admin/redrive} with {@code X-Admin-Key}: closed (404) unless
 * {@code MODERATION_ADMIN_API_KEY} is set; a wrong or missing key is a 401.
 */
@RestController
class RedriveController {

	static final String ADMIN_KEY_HEADER = ManagementAccessFilter.ADMIN_KEY_HEADER;

	private final Redrive redrive;

	private final OperatorKeys operatorKeys;

	private final Counter redriven;

	RedriveController(Redrive redrive, OperatorKeys operatorKeys, MeterRegistry meters) {
		this.redrive = redrive;
		this.operatorKeys = operatorKeys;
		this.redriven = Counter.builder(ModerationMeters.TASKS_REDRIVEN)
			.description("Failed tasks sent back for processing by /admin/redrive")
			.register(meters);
	}

	@PostMapping("/admin/redrive")
	RedriveResult redrive(@RequestHeader(name = ADMIN_KEY_HEADER, required = false) @Nullable String key,
			@RequestBody RedriveRequest request) {
		authorize(key);
		var redriven = this.redrive.redrive(request);
		// Counted here, after Redrive's transaction committed.
		this.redriven.increment(redriven.size());
		return new RedriveResult(redriven.size(), redriven);
	}

	private void authorize(@Nullable String key) {
		if (!this.operatorKeys.adminEnabled()) {
			// Closed by default: as if the endpoint did not exist.
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		if (!this.operatorKeys.acceptsAdmin(key)) {
			throw new AdminAccessDenied();
		}
	}

}
