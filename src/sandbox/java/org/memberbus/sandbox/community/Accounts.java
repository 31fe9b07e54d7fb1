package org.memberbus.sandbox.community;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The community's member accounts, with the uniqueness the platform enforces (one account per
 * CRM contact and per email). Writes are serialised: a simulator needs correctness, not throughput.
 * A change is applied as JSON fields onto the current account, so that creating, patching, a
 * member's own edit and the CRM's status sync all validate the same way.
 */
class Accounts {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern CRM_CONTACT_ID = Pattern.compile("003[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");
    private static final Pattern URL = Pattern.compile("^https?://\\S+$");

    /** An applied change: the account before and after, and the fields whose value really moved. */
    record Change(Account before, Account after, Map<String, JsonNode> changed) {
        boolean isEmpty() {
            return changed.isEmpty();
        }
    }

    record Page(List<Account> data, int page, int size, long total) {}

    private final Map<String, Account> byId = new ConcurrentSkipListMap<>();
    private final Map<String, String> idByCrmContactId = new ConcurrentHashMap<>();
    private final Map<String, String> idByEmail = new ConcurrentHashMap<>();
    private final AtomicInteger lastNumber = new AtomicInteger();
    private final ObjectMapper json;
    private final Clock clock;

    Accounts(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    Optional<Account> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    Account get(String id) {
        return find(id).orElseThrow(() -> ApiException.notFound("account " + id));
    }

    Optional<Account> findByEmail(String email) {
        return Optional.ofNullable(idByEmail.get(key(email))).map(byId::get);
    }

    Page list(String crmContactId, AccountStatus status, String email, int page, int size) {
        if (page < 0) {
            throw ApiException.badRequest("page", "page must be >= 0");
        }
        if (size < 1 || size > 200) {
            throw ApiException.badRequest("size", "size must be between 1 and 200");
        }
        var matching = byId.values().stream()
                .filter(a -> crmContactId == null || crmContactId.equals(a.crmContactId()))
                .filter(a -> status == null || status == a.membershipStatus())
                .filter(a -> email == null || key(email).equals(key(a.email())))
                .toList();
        int from = (int) Math.min((long) page * size, matching.size());
        int to = Math.min(from + size, matching.size());
        return new Page(matching.subList(from, to), page, size, matching.size());
    }

    /** Loads an account as the seed has it, keeping its id. */
    synchronized void seed(Account account) {
        index(account, null);
        byId.put(account.id(), account);
        lastNumber.accumulateAndGet(number(account.id()), Math::max);
    }

    /** Opens a new account from integration fields; access follows the membership unless given. */
    synchronized Account create(ObjectNode fields) {
        writableOnly(fields, Account.INTEGRATION_FIELDS);
        var now = clock.instant();
        var node = json.createObjectNode();
        node.put("id", "cm_" + String.format("%06d", lastNumber.get() + 1));
        node.set("communicationPreferences", json.valueToTree(Account.CommunicationPreferences.DEFAULT));
        node.set("engagement", json.valueToTree(Account.Engagement.NONE));
        node.put("version", 1);
        node.put("createdAt", now.toString());
        node.put("updatedAt", now.toString());
        merge(node, fields);
        var account = read(node);
        if (account.accessLevel() == null) {
            node.put("accessLevel", Access.forMembership(account.membershipStatus(), account.level()).name());
            account = read(node);
        }
        validate(account);
        index(account, null);
        lastNumber.incrementAndGet();
        byId.put(account.id(), account);
        return account;
    }

    /**
     * Applies {@code fields} (only those in {@code writable}) to the account. With
     * {@code expectedVersion}, refuses with 412 if the account has moved on since.
     */
    synchronized Change apply(String id, ObjectNode fields, Set<String> writable, Long expectedVersion) {
        var current = get(id);
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new ApiException(412, "account is at version " + current.version() + ", not " + expectedVersion, "version");
        }
        writableOnly(fields, writable);
        // an integration may unlink an account (crmContactId null), not move it to another contact
        if (fields.has("crmContactId") && !fields.get("crmContactId").isNull() && current.crmContactId() != null
                && !Objects.equals(current.crmContactId(), fields.get("crmContactId").asText(null))) {
            throw ApiException.conflict("crmContactId", "account is already linked to another CRM contact");
        }
        ObjectNode before = json.valueToTree(current);
        var node = before.deepCopy();
        merge(node, fields);
        var candidate = read(node);
        validate(candidate);
        ObjectNode after = json.valueToTree(candidate);
        var changed = new LinkedHashMap<String, JsonNode>();
        fields.fieldNames().forEachRemaining(f -> {
            if (!Objects.equals(before.get(f), after.get(f))) {
                changed.put(f, after.get(f));
            }
        });
        if (changed.isEmpty()) {
            return new Change(current, current, Map.of());
        }
        var next = candidate.revised(clock.instant());
        index(next, current);
        byId.put(id, next);
        return new Change(current, next, changed);
    }

    /** Updates the engagement counters; not a profile change, so the version stays. */
    synchronized Account engage(String id, UnaryOperator<Account.Engagement> update) {
        var current = get(id);
        var next = current.withEngagement(update.apply(current.engagement()));
        byId.put(id, next);
        return next;
    }

    private void writableOnly(ObjectNode fields, Set<String> writable) {
        for (Iterator<String> names = fields.fieldNames(); names.hasNext(); ) {
            var name = names.next();
            if (!writable.contains(name)) {
                throw ApiException.badRequest(name, "field cannot be set here; settable: " + String.join(", ",
                        writable.stream().sorted().toList()));
            }
        }
    }

    /** Sets each field; an object value (communicationPreferences) is merged into the current one. */
    private static void merge(ObjectNode target, ObjectNode fields) {
        fields.fields().forEachRemaining(e -> {
            var current = target.get(e.getKey());
            if (e.getValue().isObject() && current != null && current.isObject()) {
                var merged = ((ObjectNode) current).deepCopy();
                merged.setAll((ObjectNode) e.getValue());
                target.set(e.getKey(), merged);
            } else {
                target.set(e.getKey(), e.getValue());
            }
        });
    }

    private Account read(ObjectNode node) {
        try {
            return json.treeToValue(node, Account.class);
        } catch (JsonMappingException e) {
            throw ApiException.badRequest(JsonPaths.of(e), "invalid value: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(null, "invalid account: " + e.getOriginalMessage());
        }
    }

    private static void validate(Account a) {
        required("firstName", a.firstName(), 40);
        required("lastName", a.lastName(), 80);
        required("email", a.email(), 254);
        if (!EMAIL.matcher(a.email()).matches()) {
            throw ApiException.badRequest("email", "not a valid email address");
        }
        if (a.crmContactId() != null && !CRM_CONTACT_ID.matcher(a.crmContactId()).matches()) {
            throw ApiException.badRequest("crmContactId", "not a Salesforce Contact id (003...)");
        }
        if (a.country() != null && !a.country().matches("[A-Z]{2}")) {
            throw ApiException.badRequest("country", "must be an ISO 3166 alpha-2 code such as US");
        }
        optional("phone", a.phone(), 40);
        optional("employer", a.employer(), 120);
        optional("city", a.city(), 80);
        optional("memberNumber", a.memberNumber(), 20);
        optional("bio", a.bio(), 2000);
        if (a.avatarUrl() != null && !URL.matcher(a.avatarUrl()).matches()) {
            throw ApiException.badRequest("avatarUrl", "must be an http(s) URL");
        }
        if (a.communicationPreferences() == null) {
            throw ApiException.badRequest("communicationPreferences", "must not be null");
        }
        if (a.accessLevel() == null) {
            throw ApiException.badRequest("accessLevel", "must not be null");
        }
    }

    private static void required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field, "is required");
        }
        optional(field, value, max);
    }

    private static void optional(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ApiException.badRequest(field, "must be at most " + max + " characters");
        }
    }

    /** Claims the account's email and CRM id, refusing 409 if another account holds either. */
    private void index(Account next, Account previous) {
        var emailOwner = idByEmail.get(key(next.email()));
        if (emailOwner != null && !emailOwner.equals(next.id())) {
            throw ApiException.conflict("email", "another account already uses this email");
        }
        if (next.crmContactId() != null) {
            var crmOwner = idByCrmContactId.get(next.crmContactId());
            if (crmOwner != null && !crmOwner.equals(next.id())) {
                throw ApiException.conflict("crmContactId", "another account is already linked to this CRM contact");
            }
        }
        if (previous != null) {
            idByEmail.remove(key(previous.email()));
            if (previous.crmContactId() != null) {
                idByCrmContactId.remove(previous.crmContactId());
            }
        }
        idByEmail.put(key(next.email()), next.id());
        if (next.crmContactId() != null) {
            idByCrmContactId.put(next.crmContactId(), next.id());
        }
    }

    private static String key(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    private static int number(String id) {
        try {
            return Integer.parseInt(id.substring(id.indexOf('_') + 1));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
