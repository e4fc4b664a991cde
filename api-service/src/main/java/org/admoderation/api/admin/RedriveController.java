package org.admoderation.api.admin;

import java.util.List;

import org.admoderation.api.access.ApiKeys;
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

	static final String ADMIN_KEY_HEADER = "X-Admin-Key";

	private final Redrive redrive;

	private final AdminProperties properties;

	RedriveController(Redrive redrive, AdminProperties properties) {
		this.redrive = redrive;
		this.properties = properties;
	}

	@PostMapping("/admin/redrive")
	RedriveResult redrive(@RequestHeader(name = ADMIN_KEY_HEADER, required = false) @Nullable String key,
			@RequestBody RedriveRequest request) {
		authorize(key);
		var redriven = this.redrive.redrive(request);
		return new RedriveResult(redriven.size(), redriven);
	}

	private void authorize(@Nullable String key) {
		if (!this.properties.enabled()) {
			// Closed by default: as if the endpoint did not exist.
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		if (!ApiKeys.matchesAny(List.of(this.properties.apiKey()), key)) {
			throw new AdminAccessDenied();
		}
	}

}
