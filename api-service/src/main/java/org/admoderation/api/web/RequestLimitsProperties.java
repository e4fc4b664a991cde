package org.admoderation.api.web;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on what a request may carry ({@code moderation.http.*}).
 *
 * @param maxBodySize the largest request body any endpoint reads; a larger one is a 413
 * before any of it is read. A redrive of 1,000 task ids is about 20 KB.
 */
@Validated
@ConfigurationProperties("moderation.http")
public record RequestLimitsProperties(@DefaultValue("64KB") @NotNull DataSize maxBodySize) {

}
