package org.memberbus.sandbox.marketing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The leads' activity log, as Marketo's Get Lead Activities reads it. Only the activity this
 * simulator causes is kept: "Request Campaign" (type 47: primary attribute the campaign, attribute
 * "Source"), one per campaign run. Paging follows Marketo: a date-based token from
 * {@code pagingtoken.json?sinceDatetime=}, then each {@code activities.json} call goes through at most
 * 300 activities of ALL types from the token's place, answers those of the asked types and leads
 * (possibly none), a position-based {@code nextPageToken} and {@code moreResult} while activities remain.
 */
class Activities {

    static final int REQUEST_CAMPAIGN = 47;
    static final int PAGE = 300;
    static final int MAX_LEADS = 30;
    static final int MAX_TYPES = 10;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    record Attribute(String name, Object value) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Activity(long id, String marketoGUID, int leadId, String activityDate, int activityTypeId,
                    Integer campaignId, Integer primaryAttributeValueId, String primaryAttributeValue,
                    List<Attribute> attributes) {}

    /** One page: the activities found, where the next call starts, and whether activities remain. */
    record Page(List<Activity> result, String nextPageToken, boolean moreResult) {}

    private final List<Activity> log = new ArrayList<>();
    private final List<Instant> times = new ArrayList<>();
    private final int pageSize;

    Activities(int pageSize) {
        this.pageSize = pageSize;
    }

    /** A campaign requested through the API ran for a lead (dated to the second, as Marketo does). */
    synchronized void campaignRequested(int leadId, Instant time, Campaigns.Campaign campaign) {
        long id = log.size() + 1;
        var at = time.truncatedTo(ChronoUnit.SECONDS);
        log.add(new Activity(id, String.valueOf(id), leadId, DATE.format(at.atOffset(ZoneOffset.UTC)),
                REQUEST_CAMPAIGN, campaign.id(), campaign.id(), campaign.name(),
                List.of(new Attribute("Source", "Web Service API"))));
        times.add(at);
    }

    /** The date-based token for {@code sinceDatetime} (ISO 8601 with an offset or Z, or a date). */
    static String pagingToken(String sinceDatetime) {
        if (sinceDatetime == null || sinceDatetime.isBlank()) {
            throw new MarketoException(400, "1003", "sinceDatetime cannot be blank");
        }
        Instant since;
        try {
            since = OffsetDateTime.parse(sinceDatetime.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                since = java.time.LocalDate.parse(sinceDatetime.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException again) {
                throw new MarketoException(400, "1003", "Invalid value for sinceDatetime: '" + sinceDatetime + "'");
            }
        }
        return encode("d" + since.getEpochSecond());
    }

    synchronized Page page(String nextPageToken, Set<Integer> typeIds, Set<Integer> leadIds) {
        if (typeIds.isEmpty()) {
            throw new MarketoException(400, "1003", "activityTypeIds cannot be blank");
        }
        if (typeIds.size() > MAX_TYPES) {
            throw new MarketoException(400, "1003", "At most " + MAX_TYPES + " activityTypeIds");
        }
        if (leadIds.size() > MAX_LEADS) {
            throw new MarketoException(400, "1003", "At most " + MAX_LEADS + " leadIds");
        }
        int from = start(nextPageToken);
        int to = Math.min(log.size(), from + pageSize);
        var found = log.subList(from, to).stream()
                .filter(a -> typeIds.contains(a.activityTypeId()))
                .filter(a -> leadIds.isEmpty() || leadIds.contains(a.leadId()))
                .toList();
        return new Page(found, encode("p" + to), to < log.size());
    }

    /** The index of the first activity to go through: after a position, or the first on or after a date. */
    private int start(String token) {
        String decoded;
        try {
            decoded = token == null ? "" : new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        try {
            if (decoded.startsWith("p")) {
                return Math.min(log.size(), Integer.parseInt(decoded.substring(1)));
            }
            if (decoded.startsWith("d")) {
                var since = Instant.ofEpochSecond(Long.parseLong(decoded.substring(1)));
                int i = 0;
                while (i < times.size() && times.get(i).isBefore(since)) {
                    i++;
                }
                return i;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw new MarketoException(400, "1003", token == null || token.isBlank()
                ? "nextPageToken cannot be blank" : "Invalid value for nextPageToken");
    }

    private static String encode(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    static Map<String, Object> describe() {
        return Map.of("id", REQUEST_CAMPAIGN, "name", "Request Campaign",
                "description", "Campaign is requested for a lead",
                "primaryAttribute", Map.of("name", "Campaign ID", "dataType", "integer"),
                "attributes", List.of(Map.of("name", "Source", "dataType", "string")));
    }
}
