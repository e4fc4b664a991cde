package org.admoderation.api.admin;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Operator endpoints ({@code moderation.admin.*}); their key is
 * {@link org.admoderation.common.security.OperatorKeys}.
 *
 * @param maxRedrive the most tasks one redrive call sends back
 */
@Validated
@ConfigurationProperties("moderation.admin")
public record AdminProperties(@DefaultValue("1000") @Min(1) @Max(100_000) int maxRedrive) {

}
