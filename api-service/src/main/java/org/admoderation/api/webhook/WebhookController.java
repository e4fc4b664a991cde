package org.admoderation.api.webhook;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.admoderation.common.security.KeySecurity;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/webhooks}: the operator registers a client's endpoints, rotates their
 * secrets, reads their delivery logs and redelivers. The API's security chain has checked
 * the operator's key ({@value KeySecurity#ADMIN_KEY_HEADER}) before any of this runs;
 * until one is set these endpoints do not exist (404).
 */
@RestController
@RequestMapping("/admin/webhooks")
@Tag(name = "Webhooks",
		description = "Results POSTed to the endpoints an operator registered, signed as Standard Webhooks "
				+ "(README, \"Webhooks\"). Operator key (X-Admin-Key) required; 404 until one is configured.")
class WebhookController {

	static final int MAX_LOG_LIMIT = 1000;

	private final WebhookEndpoints endpoints;

	private final WebhookDeliveries deliveries;

	private final WebhookProperties properties;

	WebhookController(WebhookEndpoints endpoints, WebhookDeliveries deliveries, WebhookProperties properties) {
		this.endpoints = endpoints;
		this.deliveries = deliveries;
		this.properties = properties;
	}

	@PostMapping
	@Operation(summary = "Register an endpoint",
			description = "Its secret is in the answer and never shown again. From now on every result event of "
					+ "the client's tasks (every task's, with client *) is POSTed to it. 409 when the name is taken.")
	@ApiResponse(responseCode = "201", description = "Registered; the secret is not shown again",
			headers = @Header(name = "Location", description = "/admin/webhooks/{id}"),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = WebhookSecret.class)))
	ResponseEntity<WebhookSecret> register(@RequestBody WebhookRegistration registration) {
		WebhookSecret registered = this.endpoints.register(registration);
		// The secret is in the body: no cache keeps it.
		return ResponseEntity.created(URI.create("/admin/webhooks/" + registered.endpoint().id()))
			.cacheControl(CacheControl.noStore())
			.body(registered);
	}

	@GetMapping
	@Operation(summary = "The registered endpoints")
	List<WebhookEndpoint> list() {
		return this.endpoints.list();
	}

	@GetMapping("/{endpointId}")
	@Operation(summary = "One endpoint")
	WebhookEndpoint find(@PathVariable long endpointId) {
		return this.endpoints.find(endpointId).orElseThrow(() -> noEndpoint(endpointId));
	}

	@DeleteMapping("/{endpointId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Remove an endpoint; nothing more is sent to it, and its name is free again")
	void delete(@PathVariable long endpointId) {
		if (!this.endpoints.delete(endpointId)) {
			throw noEndpoint(endpointId);
		}
	}

	@PostMapping("/{endpointId}/rotate-secret")
	@Operation(summary = "Give the endpoint a new secret",
			description = "Sends are signed with the new secret and, for moderation.webhooks.rotation-overlap "
					+ "(24 h), also with the previous one: the receiver switches meanwhile.")
	ResponseEntity<WebhookSecret> rotateSecret(@PathVariable long endpointId) {
		WebhookSecret rotated = this.endpoints.rotateSecret(endpointId, this.properties.rotationOverlap())
			.orElseThrow(() -> noEndpoint(endpointId));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(rotated);
	}

	@GetMapping("/{endpointId}/deliveries")
	@Operation(summary = "The endpoint's delivery log, newest first")
	List<WebhookDelivery> log(@PathVariable long endpointId,
			@Parameter(description = "Only the deliveries in this state",
					schema = @Schema(allowableValues = { "pending", "delivered", "failed" })) @RequestParam(
							required = false) @Nullable String state,
			@Parameter(description = "At most this many, 1 to 1000",
					schema = @Schema(minimum = "1", maximum = "1000")) @RequestParam(defaultValue = "100") int limit) {
		if (state != null && !WebhookDeliveries.STATES.contains(state)) {
			throw new InvalidWebhook("state must be one of " + WebhookDeliveries.STATES);
		}
		if (limit < 1 || limit > MAX_LOG_LIMIT) {
			throw new InvalidWebhook("limit must be 1 to " + MAX_LOG_LIMIT);
		}
		find(endpointId);
		return this.deliveries.log(endpointId, state, limit);
	}

	@GetMapping("/{endpointId}/deliveries/{deliveryId}")
	@Operation(summary = "One delivery, with each attempt")
	WebhookDelivery delivery(@PathVariable long endpointId, @PathVariable long deliveryId) {
		find(endpointId);
		return this.deliveries.find(endpointId, deliveryId).orElseThrow(() -> noDelivery(endpointId, deliveryId));
	}

	@PostMapping("/{endpointId}/deliveries/{deliveryId}/redeliver")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Send a delivery again now, whatever its state, with a fresh period of retries")
	WebhookDelivery redeliver(@PathVariable long endpointId, @PathVariable long deliveryId) {
		find(endpointId);
		if (!this.deliveries.redeliver(endpointId, deliveryId)) {
			throw noDelivery(endpointId, deliveryId);
		}
		return delivery(endpointId, deliveryId);
	}

	@PostMapping("/{endpointId}/redeliver-failed")
	@Operation(summary = "Send again every delivery of the endpoint that was given up on")
	Map<String, Integer> redeliverFailed(@PathVariable long endpointId) {
		find(endpointId);
		return Map.of("redelivered", this.deliveries.redeliverFailed(endpointId));
	}

	private static WebhookNotFound noEndpoint(long endpointId) {
		return new WebhookNotFound("No webhook endpoint " + endpointId);
	}

	private static WebhookNotFound noDelivery(long endpointId, long deliveryId) {
		return new WebhookNotFound("Webhook endpoint " + endpointId + " has no delivery " + deliveryId);
	}

}
