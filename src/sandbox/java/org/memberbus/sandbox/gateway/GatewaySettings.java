package org.memberbus.sandbox.gateway;

import java.time.Duration;

/**
 * The simulator's settings: the one secret API key it accepts, the signing secret of every webhook
 * endpoint (so the bus can be configured with it before it registers its endpoint), the API
 * version it speaks, and how webhook deliveries are retried.
 */
record GatewaySettings(String apiKey, String webhookSecret, String apiVersion,
                       int webhookMaxAttempts, Duration webhookRetryInitial, Duration webhookTimeout) {}
