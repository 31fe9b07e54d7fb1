package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Stripe's list object: one page, newest first, and whether there are more. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record StripeList<T>(String object, List<T> data, boolean hasMore, String url) {

    static <T> StripeList<T> of(List<T> data, boolean hasMore, String url) {
        return new StripeList<>("list", data, hasMore, url);
    }

    /** Stripe's answer to a search: a page and the token of the next one. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SearchResult<T>(String object, List<T> data, boolean hasMore, String nextPage, String url) {}

    /** The answer to a delete. */
    record Deleted(String id, String object, boolean deleted) {}
}
