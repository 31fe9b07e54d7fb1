package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** Stripe's Product object: what a price sells (membership dues, donations). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Product(String id, String object, boolean active, long created, String defaultPrice, String description,
               boolean livemode, Map<String, String> metadata, String name, long updated) implements ApiObject {

    static Product create(String id, long created, String name, String description, Map<String, String> metadata) {
        return new Product(id, "product", true, created, null, description, false, metadata, name, created);
    }
}
