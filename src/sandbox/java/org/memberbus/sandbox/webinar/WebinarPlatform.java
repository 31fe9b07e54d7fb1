package org.memberbus.sandbox.webinar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the webinar platform holds, in memory: webinars, their registrants (one per email, as on
 * Zoom) and, once people attend, one participant row per join..leave. Sends its webhooks through
 * {@link ZoomWebhooks}.
 */
class WebinarPlatform {

    static final class Webinar {
        final String id;
        final String uuid;
        final String hostId;
        final String topic;
        final Instant startTime;
        final int duration;
        Instant startedAt;
        Instant endedAt;
        final Map<String, Map<String, Object>> registrantsByEmail = new LinkedHashMap<>();
        final List<Map<String, Object>> participants = new ArrayList<>();

        Webinar(String id, String uuid, String hostId, String topic, Instant startTime, int duration) {
            this.id = id;
            this.uuid = uuid;
            this.hostId = hostId;
            this.topic = topic;
            this.startTime = startTime;
            this.duration = duration;
        }
    }

    private final Map<String, Webinar> webinars = new LinkedHashMap<>();
    private final String accountId;
    private final String baseUrl;
    private final ZoomWebhooks webhooks;
    private final Clock clock;

    WebinarPlatform(String accountId, String baseUrl, ZoomWebhooks webhooks, Clock clock) {
        this.accountId = accountId;
        this.baseUrl = baseUrl;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    synchronized Map<String, Object> create(String hostId, String topic, Instant startTime, int duration) {
        String id;
        do {
            id = Long.toString(ThreadLocalRandom.current().nextLong(80_000_000_000L, 99_999_999_999L));
        } while (webinars.containsKey(id));
        var webinar = new Webinar(id, randomId(22) + "==", hostId, topic,
                startTime == null ? clock.instant().truncatedTo(ChronoUnit.SECONDS) : startTime, duration);
        webinars.put(id, webinar);
        webhooks.send("webinar.created", accountId, objectOf(webinar));
        return view(webinar);
    }

    synchronized Map<String, Object> get(String id) {
        return view(webinar(id));
    }

    /** A registrant; the same email again is the same registrant (Zoom answers the existing one). */
    synchronized Map<String, Object> register(String webinarId, String email, String firstName, String lastName) {
        var webinar = webinar(webinarId);
        var known = webinar.registrantsByEmail.get(email.toLowerCase(Locale.ROOT));
        if (known == null) {
            var registrantId = randomId(22);
            known = new LinkedHashMap<>();
            known.put("id", registrantId);
            known.put("email", email);
            known.put("first_name", firstName);
            known.put("last_name", lastName == null ? "" : lastName);
            known.put("status", "approved");
            known.put("create_time", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
            known.put("join_url", baseUrl + "/w/" + webinarId + "?tk=" + registrantId);
            webinar.registrantsByEmail.put(email.toLowerCase(Locale.ROOT), known);
        }
        var answer = new LinkedHashMap<String, Object>();
        answer.put("id", Long.parseLong(webinarId));
        answer.put("registrant_id", known.get("id"));
        answer.put("join_url", known.get("join_url"));
        answer.put("topic", webinar.topic);
        answer.put("start_time", webinar.startTime.toString());
        return answer;
    }

    /** The registrants in one status (Zoom: approved, pending or denied; a cancelled registrant is denied). */
    synchronized List<Map<String, Object>> registrants(String webinarId, String status) {
        return webinar(webinarId).registrantsByEmail.values().stream()
                .filter(r -> status.equals(r.get("status"))).map(Map::copyOf).toList();
    }

    /**
     * Zoom's "update registrant's status" ({@code action} approve, deny or cancel) for registrants
     * named by id (and email, if given, which must match): a cancelled or denied registrant's join
     * link stops working and they leave the approved list; approving puts them back. A state set:
     * the same update again changes nothing. An id the webinar does not have is Zoom's 3027.
     */
    synchronized void updateStatus(String webinarId, String action, List<Map<String, String>> named) {
        var webinar = webinar(webinarId);
        var status = switch (action) {
            case "approve" -> "approved";
            case "cancel", "deny" -> "denied";
            default -> throw new ZoomException(400, 300, "Validation Failed. action: must be one of approve, cancel, deny.");
        };
        var found = new ArrayList<Map<String, Object>>();
        for (var ask : named) {
            var registrant = webinar.registrantsByEmail.values().stream()
                    .filter(r -> r.get("id").equals(ask.get("id"))
                            || ask.get("id") == null && ((String) r.get("email")).equalsIgnoreCase(String.valueOf(ask.get("email"))))
                    .findFirst()
                    .orElseThrow(() -> new ZoomException(404, 3027, "Registrant not found."));
            if (ask.get("email") != null && !((String) registrant.get("email")).equalsIgnoreCase(ask.get("email"))) {
                throw new ZoomException(404, 3027, "Registrant not found.");
            }
            found.add(registrant);
        }
        found.forEach(r -> r.put("status", status));
    }

    /** The past webinar's details report (Zoom's GET /report/webinars/{id}): only once it ended. */
    synchronized Map<String, Object> report(String webinarId) {
        var webinar = webinar(webinarId);
        if (webinar.endedAt == null) {
            throw new ZoomException(404, 3001, "Webinar does not exist: " + webinarId + ".");
        }
        var report = new LinkedHashMap<String, Object>();
        report.put("uuid", webinar.uuid);
        report.put("id", Long.parseLong(webinar.id));
        report.put("host_id", webinar.hostId);
        report.put("type", 5);
        report.put("topic", webinar.topic);
        report.put("start_time", webinar.startedAt.toString());
        report.put("end_time", webinar.endedAt.toString());
        report.put("duration", (int) Duration.between(webinar.startedAt, webinar.endedAt).toMinutes());
        report.put("participants_count", webinar.participants.size());
        return report;
    }

    /**
     * Someone joined at {@code join} and left at {@code leave} (the sandbox's stand-in for a person
     * in the webinar): a participant row, matched to the registrant by email, and the joined and
     * left webhooks.
     */
    synchronized Map<String, Object> attend(String webinarId, String email, String name, Instant join, Instant leave) {
        var webinar = webinar(webinarId);
        if (webinar.endedAt != null) {
            throw new ZoomException(400, 3001, "Webinar " + webinarId + " has ended.");
        }
        if (!leave.isAfter(join)) {
            throw new ZoomException(400, 300, "leaveTime must be after joinTime.");
        }
        if (webinar.startedAt == null || join.isBefore(webinar.startedAt)) {
            webinar.startedAt = join;
        }
        var registrant = email == null ? null : webinar.registrantsByEmail.get(email.toLowerCase(Locale.ROOT));
        var row = new LinkedHashMap<String, Object>();
        row.put("id", registrant != null ? registrant.get("id") : randomId(22));
        row.put("user_id", Long.toString(16_000_000L + webinar.participants.size()));
        row.put("name", name == null ? "Guest" : name);
        row.put("user_email", email == null ? "" : email);
        row.put("join_time", join.truncatedTo(ChronoUnit.SECONDS).toString());
        row.put("leave_time", leave.truncatedTo(ChronoUnit.SECONDS).toString());
        row.put("duration", (int) Duration.between(join.truncatedTo(ChronoUnit.SECONDS), leave.truncatedTo(ChronoUnit.SECONDS)).toSeconds());
        row.put("attentiveness_score", "");
        row.put("failover", false);
        row.put("status", "in_meeting");
        if (registrant != null) {
            row.put("registrant_id", registrant.get("id"));
        }
        webinar.participants.add(row);
        for (var event : List.of("webinar.participant_joined", "webinar.participant_left")) {
            var participant = new LinkedHashMap<String, Object>();
            participant.put("user_id", row.get("user_id"));
            participant.put("user_name", row.get("name"));
            participant.put("id", row.get("id"));
            participant.put("email", row.get("user_email"));
            if (registrant != null) {
                participant.put("registrant_id", registrant.get("id"));
            }
            participant.put(event.endsWith("joined") ? "join_time" : "leave_time",
                    event.endsWith("joined") ? row.get("join_time") : row.get("leave_time"));
            var object = objectOf(webinar);
            object.put("participant", participant);
            webhooks.send(event, accountId, object);
        }
        return row;
    }

    /** The webinar ends (at {@code at}, default now): its report can be read, webinar.ended is sent. */
    synchronized Map<String, Object> end(String webinarId, Instant at) {
        return end(webinarId, at, true);
    }

    /** As {@link #end(String, Instant)}; {@code notify} false loses the webinar.ended webhook (a sandbox fault). */
    synchronized Map<String, Object> end(String webinarId, Instant at, boolean notify) {
        var webinar = webinar(webinarId);
        if (webinar.endedAt == null) {
            var latest = webinar.participants.stream().map(p -> Instant.parse((String) p.get("leave_time")))
                    .max(Instant::compareTo).orElse(null);
            webinar.endedAt = at != null ? at : latest != null ? latest : clock.instant().truncatedTo(ChronoUnit.SECONDS);
            if (webinar.startedAt == null) {
                webinar.startedAt = webinar.startTime;
            }
            var object = objectOf(webinar);
            object.put("end_time", webinar.endedAt.toString());
            if (notify) {
                webhooks.send("webinar.ended", accountId, object);
            }
        }
        return view(webinar);
    }

    /** The past webinar's participants, from {@code offset}: only once it ended (before: Zoom's 3001). */
    synchronized List<Map<String, Object>> participants(String webinarId) {
        var webinar = webinar(webinarId);
        if (webinar.endedAt == null) {
            throw new ZoomException(404, 3001, "Webinar does not exist: " + webinarId + ".");
        }
        return List.copyOf(webinar.participants);
    }

    private Webinar webinar(String id) {
        var webinar = id == null ? null : webinars.get(id);
        if (webinar == null) {
            throw new ZoomException(404, 3001, "Webinar does not exist: " + id + ".");
        }
        return webinar;
    }

    private Map<String, Object> objectOf(Webinar webinar) {
        var object = new LinkedHashMap<String, Object>();
        object.put("id", webinar.id);
        object.put("uuid", webinar.uuid);
        object.put("host_id", webinar.hostId);
        object.put("topic", webinar.topic);
        object.put("type", 5);
        object.put("start_time", (webinar.startedAt == null ? webinar.startTime : webinar.startedAt).toString());
        object.put("timezone", "UTC");
        object.put("duration", webinar.duration);
        return object;
    }

    private Map<String, Object> view(Webinar webinar) {
        var view = new LinkedHashMap<String, Object>();
        view.put("uuid", webinar.uuid);
        view.put("id", Long.parseLong(webinar.id));
        view.put("host_id", webinar.hostId);
        view.put("topic", webinar.topic);
        view.put("type", 5);
        view.put("start_time", webinar.startTime.toString());
        view.put("duration", webinar.duration);
        view.put("timezone", "UTC");
        view.put("join_url", baseUrl + "/w/" + webinar.id);
        view.put("registration_url", baseUrl + "/webinar/register/" + webinar.id);
        view.put("settings", Map.of("approval_type", 0, "registration_type", 1));
        view.put("status", webinar.endedAt != null ? "ended" : "waiting");
        return view;
    }

    static String randomId(int length) {
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var random = ThreadLocalRandom.current();
        var id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
