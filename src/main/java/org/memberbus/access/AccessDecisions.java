package org.memberbus.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.memberbus.finance.dues.DuesPricing;
import org.memberbus.infra.ConfigFile;
import org.memberbus.member.MembershipLevel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Answers the community's permission questions (POST /api/v1/access/decisions) from the rules in
 * config/access-rules.yaml (read again when the file changes) and the bus's own view of the member
 * ({@link MemberViews}): one decision per request, in order, each with the rule that decided and,
 * for a denial, what would grant it (a renewal, upgrade or join priced by the dues pricing of
 * finance.dues, the certification, or the end of a suspension). Computes only.
 */
@Component("accessDecisions")
public class AccessDecisions {

    /** A bigger body is refused before it is read (413; InboundConfig's size limit on /api/v1/access/*). */
    public static final int MAX_BODY = 64 * 1024;
    static final int MAX_REQUESTS = 100;
    private static final Pattern CONTACT_ID = Pattern.compile("003[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");
    private static final Pattern RESOURCE = Pattern.compile("(content|forum|group|segment)/[A-Za-z0-9._:~@-]{1,200}");
    private static final Map<String, String> KIND_OF_ACTION = Map.of("view", "content", "post", "forum",
            "join", "group", "broadcast", "segment");
    private static final Set<String> REQUEST_FIELDS = Set.of("memberId", "requests");
    private static final Set<String> ASK_FIELDS = Set.of("action", "resource", "accessLevel", "program");

    /** One question: may the member do {@code action} on {@code resource}. */
    public record Ask(String action, String resource, String accessLevel, String program) {}

    /** A checked call: whose and what. */
    public record DecisionRequest(String memberId, List<Ask> asks) {}

    private final ConfigFile<AccessRules> rules;
    private final MemberViews views;
    private final DuesPricing pricing;
    private final ObjectMapper json;

    @Autowired
    AccessDecisions(@Value("${memberbus.access.rules-path:config/access-rules.yaml}") String path, MemberViews views,
                    DuesPricing pricing, ObjectMapper json) {
        this(new ConfigFile<>("Access rules", path, AccessRules::parse, AccessRules::describe), views, pricing, json);
    }

    AccessDecisions(ConfigFile<AccessRules> rules, MemberViews views, DuesPricing pricing, ObjectMapper json) {
        this.rules = rules;
        this.views = views;
        this.pricing = pricing;
        this.json = json;
    }

    // ---- the call ---------------------------------------------------------------------------

    /** The body checked: 400 with every reason, 413 over the limit. */
    public DecisionRequest request(String body) {
        if (body == null || body.isBlank()) {
            throw new AccessApiException(400, "body: missing; expected {\"memberId\": \"003...\", \"requests\": [...]}");
        }
        if (body.length() > MAX_BODY) {
            throw new AccessApiException(413, "body larger than " + MAX_BODY + " bytes");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AccessApiException(400, "body: not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new AccessApiException(400, "body: expected a JSON object {\"memberId\", \"requests\"}");
        }
        var problems = new ArrayList<String>();
        root.fieldNames().forEachRemaining(f -> {
            if (!REQUEST_FIELDS.contains(f)) {
                problems.add(f + ": unknown field (memberId, requests)");
            }
        });
        var memberId = root.path("memberId");
        if (!memberId.isTextual() || !CONTACT_ID.matcher(memberId.asText()).matches()) {
            problems.add("memberId: " + (memberId.isMissingNode() ? "missing" : "'" + shorten(memberId.toString()) + "'")
                    + ", expected a CRM contact id (003..., 15 or 18 characters)");
        }
        var asks = new ArrayList<Ask>();
        var requests = root.path("requests");
        if (!requests.isArray() || requests.isEmpty()) {
            problems.add("requests: expected a list of 1 to " + MAX_REQUESTS + " {action, resource}");
        } else if (requests.size() > MAX_REQUESTS) {
            problems.add("requests: " + requests.size() + " given, at most " + MAX_REQUESTS + " per call");
        } else {
            var levels = rules.current().levels().keySet();
            for (int i = 0; i < requests.size(); i++) {
                asks.add(ask(requests.get(i), "requests[" + i + "]", levels, problems));
            }
        }
        if (!problems.isEmpty()) {
            throw new AccessApiException(400, String.join("; ", problems));
        }
        return new DecisionRequest(memberId.asText(), List.copyOf(asks));
    }

    private static Ask ask(JsonNode node, String where, Set<String> levels, List<String> problems) {
        if (!node.isObject()) {
            problems.add(where + ": expected {action, resource}");
            return null;
        }
        node.fieldNames().forEachRemaining(f -> {
            if (!ASK_FIELDS.contains(f)) {
                problems.add(where + "." + f + ": unknown field (action, resource, accessLevel, program)");
            }
        });
        var action = node.path("action").asText(null);
        var resource = node.path("resource").asText(null);
        if (action == null || !KIND_OF_ACTION.containsKey(action)) {
            problems.add(where + ".action: " + (action == null ? "missing" : "'" + shorten(action) + "'")
                    + ", expected view, post, join or broadcast");
        } else if (resource == null || !RESOURCE.matcher(resource).matches()) {
            problems.add(where + ".resource: " + (resource == null ? "missing" : "'" + shorten(resource) + "'")
                    + ", expected " + KIND_OF_ACTION.get(action) + "/<id>");
        } else if (!resource.startsWith(KIND_OF_ACTION.get(action) + "/")) {
            problems.add(where + ".resource: " + action + " is asked of " + KIND_OF_ACTION.get(action) + "/<id>, not "
                    + shorten(resource));
        }
        var accessLevel = node.path("accessLevel").asText(null);
        if (accessLevel != null && !levels.contains(accessLevel)) {
            problems.add(where + ".accessLevel: '" + shorten(accessLevel) + "' is not one of " + levels);
        }
        var program = node.path("program").asText(null);
        if (program != null && (program.isBlank() || program.length() > 120)) {
            problems.add(where + ".program: must be 1 to 120 characters");
        }
        return new Ask(action, resource, accessLevel, program);
    }

    /** True when the member must be read from the CRM first (the bus has not seen them yet). */
    public boolean needsRead(DecisionRequest request) {
        return views.unknown(request.memberId());
    }

    /** {@code {"memberId", "decisions": [...]}}, one decision per request, in order. */
    public Map<String, Object> decide(DecisionRequest request) {
        var view = views.view(request.memberId());
        if (view == null) {
            throw new AccessApiException(503, "member " + request.memberId() + " could not be read from the CRM; ask again");
        }
        var current = rules.current();
        var today = pricing.today();
        var decisions = new ArrayList<Map<String, Object>>(request.asks().size());
        for (var ask : request.asks()) {
            decisions.add(decideOne(current, view, ask, today));
        }
        var answer = new LinkedHashMap<String, Object>();
        answer.put("memberId", request.memberId());
        answer.put("decisions", decisions);
        return answer;
    }

    Map<String, Object> decideOne(AccessRules rules, MemberView member, Ask ask, LocalDate today) {
        String access;
        String program;
        if (ask.accessLevel() != null) {
            access = ask.accessLevel();
            program = ask.program();
        } else {
            var rule = rules.ruleFor(ask.action(), ask.resource());
            if (rule == null) {
                return decision(false, "no-rule", "no rule names " + ask.action() + " on " + ask.resource(), null);
            }
            access = rule.access();
            program = ask.program() != null ? ask.program() : rule.program();
        }
        var needs = rules.levels().get(access);
        if (member.suspendedOn(today) && rules.suspensionBlocks().contains(ask.action())) {
            var until = member.suspendedUntil();
            var grant = new LinkedHashMap<String, Object>();
            grant.put("kind", "suspension-ends");
            grant.put("on", until == null ? null : until.plusDays(1).toString());
            return decision(false, "suspension", "the member is suspended from the community"
                    + (until == null ? " until staff lift it" : " until " + until), grant);
        }
        var status = member.status();
        if (!needs.statuses().isEmpty() && (status == null || !needs.statuses().contains(status))) {
            var reason = (status == null ? (member.exists() ? "no membership" : "not a member")
                    : "membership is " + status) + "; " + access + " needs " + String.join(" or ", needs.statuses());
            return decision(false, access, reason, membershipOffer(rules, member, needs, today));
        }
        var term = member.term();
        var level = term == null ? null : term.level();
        if (!needs.levels().isEmpty() && (level == null || !needs.levels().contains(level))) {
            var reason = (level == null ? "no membership level" : "level " + level) + "; " + access + " needs "
                    + needs.levels().stream().sorted().map(Enum::name).reduce((a, b) -> a + " or " + b).orElse("");
            return decision(false, access, reason, membershipOffer(rules, member, needs, today));
        }
        if (needs.certification() && !member.certified(program, today)) {
            var grant = new LinkedHashMap<String, Object>();
            grant.put("kind", "certification");
            grant.put("program", program);
            return decision(false, access, "needs an active certification" + (program == null ? "" : " in " + program),
                    grant);
        }
        return decision(true, access, access + ": " + describe(needs, program), null);
    }

    /**
     * What membership would grant access, priced as finance.dues quotes it: a renewal (or
     * reactivation) of a lapsed membership at its level when that level qualifies, an upgrade to
     * the lowest qualifying level above the member's, a join for someone without a membership.
     */
    private Map<String, Object> membershipOffer(AccessRules rules, MemberView member, AccessRules.Requirement needs,
                                                LocalDate today) {
        var term = member.term();
        var current = term == null ? null : term.level();
        MembershipLevel level;
        if (needs.levels().isEmpty()) {
            level = current != null ? current : rules.joinLevel();
        } else if (current != null && needs.levels().contains(current)) {
            level = current;
        } else {
            level = needs.levels().stream()
                    .filter(l -> current == null || l.ordinal() > current.ordinal())
                    .min(Comparator.naturalOrder())
                    .orElseGet(() -> needs.levels().stream().max(Comparator.naturalOrder()).orElseThrow());
        }
        try {
            boolean hasMembership = term != null && term.status() != null && !"Pending".equalsIgnoreCase(term.status());
            var quote = hasMembership ? pricing.quote(level, term, today) : pricing.join(level, today);
            var grant = new LinkedHashMap<String, Object>(quote.answer());
            grant.put("price", pricing.money(quote.amount()));
            return grant;
        } catch (RuntimeException e) {
            // no price for the level (the pricing file in force lacks it): still say what would grant it
            var grant = new LinkedHashMap<String, Object>();
            grant.put("kind", term == null ? "join" : "renewal");
            grant.put("level", level.name());
            return grant;
        }
    }

    private static String describe(AccessRules.Requirement needs, String program) {
        var parts = new ArrayList<String>();
        if (!needs.statuses().isEmpty()) {
            parts.add("membership " + String.join(" or ", needs.statuses()));
        }
        if (!needs.levels().isEmpty()) {
            parts.add("level " + needs.levels().stream().sorted().map(Enum::name).reduce((a, b) -> a + " or " + b).orElse(""));
        }
        if (needs.certification()) {
            parts.add("certified" + (program == null ? "" : " in " + program));
        }
        return parts.isEmpty() ? "open to everyone" : String.join(", ", parts);
    }

    private static Map<String, Object> decision(boolean allowed, String rule, String reason, Map<String, Object> grant) {
        var decision = new LinkedHashMap<String, Object>();
        decision.put("allowed", allowed);
        decision.put("rule", rule);
        decision.put("reason", reason);
        if (grant != null) {
            decision.put("grant", grant);
        }
        return decision;
    }

    // ---- the CRM reads ----------------------------------------------------------------------

    /** SOQL for the Contact's fields decisions use (the id checked against CONTACT_ID before). */
    public String contactQuery(DecisionRequest request) {
        return "SELECT Id, " + String.join(", ", MemberView.CONTACT_FIELDS.stream().sorted().toList())
                + " FROM Contact WHERE Id = '" + request.memberId() + "'";
    }

    /** SOQL for the member's certifications. */
    public String certificationQuery(DecisionRequest request) {
        return "SELECT Id, Program__c, Status__c, Expiration_Date__c FROM Certification__c WHERE Contact__c = '"
                + request.memberId() + "'";
    }

    // ---- refusals ---------------------------------------------------------------------------

    /** The refusal's HTTP status (Camel wraps it when a bean expression throws it). */
    public int statusOf(Throwable e) {
        return refusal(e).status();
    }

    /** {@code {"error": reason}} for a refused request. */
    public Map<String, Object> problem(Throwable e) {
        return Map.of("error", refusal(e).getMessage());
    }

    private static AccessApiException refusal(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AccessApiException refused) {
                return refused;
            }
        }
        return new AccessApiException(500, "the decision failed; ask again");
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
