package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** Stripe's Refund object. Card refunds in the sandbox succeed at once. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Refund(String id, String object, long amount, String balanceTransaction, String charge, long created,
              String currency, Map<String, String> metadata, String paymentIntent, String reason, String status)
        implements ApiObject {}
