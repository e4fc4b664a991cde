package org.admoderation.api.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.admoderation.common.metrics.ModerationMeters;
import org.admoderation.common.security.KeySecurity;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/redrive}; the API's security chain
 * ({@link org.admoderation.api.security.ApiSecurity}) has checked the operator's key
 * before the body is read.
 */
@RestController
class RedriveController {

	static final String ADMIN_KEY_HEADER = KeySecurity.ADMIN_KEY_HEADER;

	private final Redrive redrive;

	private final Counter redriven;

	RedriveController(Redrive redrive, MeterRegistry meters) {
		this.redrive = redrive;
		this.redriven = Counter.builder(ModerationMeters.TASKS_REDRIVEN)
			.description("Failed tasks sent back for processing by /admin/redrive")
			.register(meters);
	}

	// No consumes condition, so that a wrong body type is answered like a malformed body
	// (415 from the JSON converter), and only to an operator.
	@PostMapping("/admin/redrive")
	@Operation(summary = "Send failed tasks back for moderation",
			description = "By id, or those that failed in [failed_from, failed_to); a task that is not failed any "
					+ "more is left alone, so calling twice redrives once. Closed (404) unless an admin key is set.",
			parameters = @Parameter(in = ParameterIn.HEADER, name = ADMIN_KEY_HEADER, required = true,
					description = "The operators' key (MODERATION_ADMIN_API_KEY)", schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "200", description = "The tasks sent back to pending",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = RedriveResult.class)))
	@ApiResponse(responseCode = "400",
			description = "Neither task_ids nor both of failed_from and failed_to, an id not positive, "
					+ "more ids than moderation.admin.max-redrive, a limit below 1, or a malformed body",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "401", description = "X-Admin-Key missing or wrong",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403",
			description = "The key is valid but not the operator's (a client's or the metrics key)",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No admin key is configured: the endpoint is closed",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "413", description = "The body is larger than moderation.http.max-body-size",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "415", description = "The body is not application/json",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "503", description = "Database unreachable; nothing changed, see Retry-After",
			headers = @Header(name = "Retry-After", description = "seconds"),
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	RedriveResult redrive(@RequestBody RedriveRequest request) {
		var redriven = this.redrive.redrive(request);
		// Counted here, after Redrive's transaction committed.
		this.redriven.increment(redriven.size());
		return new RedriveResult(redriven.size(), redriven);
	}

}
