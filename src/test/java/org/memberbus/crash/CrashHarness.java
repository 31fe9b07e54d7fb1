package org.memberbus.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.sandbox.demo.Standing;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;

/**
 * The crash harness (DESIGN.md section 8): against a partners process, drives many mixed member
 * events through the simulators' own APIs, as the partners' users would, while it kills the bus
 * (the production jar) with SIGKILL at random moments and stops it once with SIGTERM, restarting it
 * each time on the same data; then waits until everything has settled and compares what every
 * partner holds with what the inputs call for. Prints events sent, kills, lost and duplicated
 * effects, and the time to settle.
 *
 * <p>Run: {@code bench/crash-harness.sh [events] [kills]}; the CI runs a small run in
 * {@link PartnersBesideProductionIT}.
 */
final class CrashHarness {

    /** An effect a partner should end up holding exactly once (or a final value it should hold). */
    enum Effect {
        JOIN_CONTACT("join: one CRM Contact per applicant"),
        JOIN_MEMBERSHIP("join: one Membership__c"),
        JOIN_PAYMENT("join: one dues Payment__c"),
        JOIN_COMMUNITY("join: community account linked and active"),
        JOIN_WELCOME("join: one welcome campaign"),
        DECLINED_NOTICE("declined payment: one payment-failed campaign"),
        DECLINED_NO_CONTACT("declined payment: no CRM Contact"),
        RENEWAL_CONFIRMATION("renewal: one renewal-confirmation campaign per payment"),
        RENEWAL_END_DATE("renewal: CRM end date moved one term per payment"),
        CRM_EDIT("CRM edit (membership level) reaches the community"),
        PROFILE_EDIT("community profile edit (bio) reaches the CRM"),
        PROPOSAL_TASK("community edit of a CRM-owned field (employer): one CRM Task");

        final String what;

        Effect(String what) {
            this.what = what;
        }
    }

    record Settings(int events, int kills, long seed, Duration settleLimit) {}

    record Report(Map<String, Integer> sent, int sigkills, List<Long> sigtermStopMillis,
                  Map<Effect, List<String>> lost, Map<Effect, List<String>> duplicated, Duration settle, Duration drive) {

        int lostCount() {
            return lost.values().stream().mapToInt(List::size).sum();
        }

        int duplicatedCount() {
            return duplicated.values().stream().mapToInt(List::size).sum();
        }

        String describe() {
            var out = new StringBuilder();
            out.append("events sent: ").append(sent.values().stream().mapToInt(Integer::intValue).sum()).append(' ').append(sent)
                    .append(" in ").append(drive.toSeconds()).append(" s\n");
            out.append("kills: ").append(sigkills).append(" SIGKILL, ").append(sigtermStopMillis.size())
                    .append(" SIGTERM (stopped in ").append(sigtermStopMillis).append(" ms)\n");
            out.append("lost effects: ").append(lostCount()).append('\n');
            lost.forEach((effect, items) -> out.append("  ").append(effect.what).append(": ").append(items.size())
                    .append(" e.g. ").append(items.stream().limit(3).toList()).append('\n'));
            out.append("duplicated effects: ").append(duplicatedCount()).append('\n');
            duplicated.forEach((effect, items) -> out.append("  ").append(effect.what).append(": ").append(items.size())
                    .append(" e.g. ").append(items.stream().limit(3).toList()).append('\n'));
            out.append("time to settle: ").append(settle.toSeconds()).append(" s after the last event");
            return out.toString();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long the settling may go without one more effect arriving before the missing ones count as lost. */
    private static final Duration STALL = Duration.ofMinutes(3);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PartnersBesideBus sandbox;
    private final PartnerProbe partners;
    private final Settings settings;
    private final Random random;

    // what the inputs call for
    private final List<Joiner> joins = new ArrayList<>();
    private final List<Joiner> declined = new ArrayList<>();
    private final Map<DemoMember, List<String>> renewals = new LinkedHashMap<>();
    private final Map<DemoMember, String> levels = new LinkedHashMap<>();
    private final Map<DemoMember, Integer> levelEditedAt = new LinkedHashMap<>();
    static final List<String> LEVELS = List.of("Student", "Associate", "Professional", "Fellow");
    private final Map<DemoMember, String> bios = new LinkedHashMap<>();
    private final Map<DemoMember, List<String>> employers = new LinkedHashMap<>();
    private final Map<String, Integer> sent = new TreeMap<>();

    record Joiner(String email, String applicationId, String accountId) {}

    CrashHarness(PartnersBesideBus sandbox, Settings settings) {
        this.sandbox = sandbox;
        this.partners = sandbox.probe();
        this.settings = settings;
        this.random = new Random(settings.seed());
    }

    /** Partners' settings for a harness run: webhooks retried long enough to outlast a bus restart, no API allowance. */
    static List<String> partnerSettings() {
        return List.of("--sandbox.community.webhook-max-attempts=30", "--sandbox.exams.webhook-max-attempts=30",
                "--sandbox.gateway.webhook-max-attempts=30", "--sandbox.salesforce.daily-api-max=100000000");
    }

    Report run() {
        var members = DemoAssociation.generate(LocalDate.now()).members().stream()
                .filter(m -> m.status() == Standing.ACTIVE && m.endDate().isAfter(LocalDate.now().plusDays(60))
                        && m.gatewayCustomerId() != null)
                .toList();
        int kills = settings.kills();
        // kill points spread over the run, each at a random moment of its stretch; the last one is a SIGTERM
        var killAt = new TreeMap<Integer, Boolean>();
        for (int k = 0; k < kills + 1; k++) {
            int stretch = settings.events() / (kills + 2);
            killAt.put(stretch * (k + 1) + random.nextInt(Math.max(1, stretch / 2)), k == kills);
        }
        int sigkills = 0;
        var sigterms = new ArrayList<Long>();
        CompletableFuture<?> restarting = CompletableFuture.completedFuture(null);
        long start = System.nanoTime();
        for (int i = 0; i < settings.events(); i++) {
            var kill = killAt.get(i);
            if (kill != null) {
                restarting.join();
                System.out.printf("event %d: %s%n", i, kill ? "SIGTERM" : "SIGKILL");
                if (kill) {
                    var stopped = sandbox.bus().stop(Duration.ofSeconds(60));
                    sigterms.add(stopped.took().toMillis());
                } else {
                    sandbox.bus().kill();
                    sigkills++;
                }
                restarting = CompletableFuture.runAsync(sandbox::startBus);
            }
            sendOne(members);
        }
        restarting.join();
        var drive = Duration.ofNanos(System.nanoTime() - start);
        long settleStart = System.nanoTime();
        var deadline = settleStart + settings.settleLimit().toNanos();
        // settled, or stalled: what is still missing when nothing has arrived for STALL is lost, not
        // slow (a partner's rate limit, such as the marketing automation's, can take long to drain)
        int missing = Integer.MAX_VALUE;
        long lastProgress = settleStart;
        Check check;
        do {
            try {
                check = check();
            } catch (java.io.UncheckedIOException e) { // the bus or a partner did not answer this time (a loaded machine)
                System.out.println("check: " + e.getMessage() + "; checking again");
                check = null;
                JarProcess.pause(2000);
                continue;
            }
            if (check.lost().isEmpty() && check.duplicated().isEmpty()) {
                break;
            }
            int stillMissing = check.lost().values().stream().mapToInt(List::size).sum();
            if (stillMissing < missing) {
                if (missing - stillMissing >= 100 || missing == Integer.MAX_VALUE) {
                    System.out.printf("settling: %d effects still missing after %d s%n", stillMissing,
                            Duration.ofNanos(System.nanoTime() - settleStart).toSeconds());
                }
                missing = stillMissing;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                break;
            }
            JarProcess.pause(2000);
        } while (System.nanoTime() < deadline);
        if (check == null) {
            check = check();
        }
        var settle = Duration.ofNanos(System.nanoTime() - settleStart);
        return new Report(sent, sigkills, sigterms, check.lost(), check.duplicated(), settle, drive);
    }

    private void sendOne(List<DemoMember> members) {
        int kind = random.nextInt(100);
        if (kind < 20) {
            joins.add(join("pm_card_visa"));
            count("join");
        } else if (kind < 25) {
            declined.add(join("pm_card_chargeDeclined"));
            count("join-declined");
        } else if (kind < 40) {
            var m = pick(members, 0);
            renewals.computeIfAbsent(m, x -> new ArrayList<>()).add(payRenewal(m));
            count("renewal");
        } else if (kind < 65) {
            var m = pick(members, 1);
            var level = LEVELS.get(random.nextInt(LEVELS.size()));
            try {
                partners.updateSObject("Contact", m.crmContactId(), "{\"Membership_Level__c\":\"" + level + "\"}");
            } catch (IllegalStateException refused) { // staff would see the error and the edit is not made
                System.out.println("event " + sentSoFar() + ": " + refused.getMessage());
                count("crm-edit-refused");
                return;
            }
            levels.put(m, level);
            levelEditedAt.put(m, sentSoFar());
            count("crm-edit");
        } else if (kind < 90) {
            var m = pick(members, 2);
            var bio = "bio " + UUID.randomUUID();
            partners.communityActivity(m.communityId(), "member.profile_updated", "{\"bio\":\"" + bio + "\"}");
            bios.put(m, bio);
            count("profile-edit");
        } else {
            var m = pick(members, 3);
            var employer = "Employer " + UUID.randomUUID().toString().substring(0, 8);
            partners.communityActivity(m.communityId(), "member.profile_updated", "{\"employer\":\"" + employer + "\"}");
            employers.computeIfAbsent(m, x -> new ArrayList<>()).add(employer);
            count("employer-edit");
        }
    }

    /** A member of one of four disjoint pools, so that one kind of event never blurs another's expectation. */
    private DemoMember pick(List<DemoMember> members, int pool) {
        // a few dozen members a pool: edits of the same member race each other, as they do in life
        int size = Math.min(60, members.size() / 4);
        return members.get(pool * size + random.nextInt(size));
    }

    /** The number of events sent so far: where an event stands among the kills the run prints. */
    private int sentSoFar() {
        return sent.values().stream().mapToInt(Integer::intValue).sum();
    }

    private void count(String kind) {
        sent.merge(kind, 1, Integer::sum);
    }

    private Joiner join(String card) {
        var email = "crash-" + UUID.randomUUID() + "@example.org";
        var outcome = partners.communityApplication("""
                {"firstName":"Ada","lastName":"Crash-%s","email":"%s","level":"PROFESSIONAL","employer":"Analytical Engines",
                 "phone":"+1-555-0100","city":"London","country":"GB"}""".formatted(email.substring(6, 14), email));
        var joiner = new Joiner(email, outcome.at("/result/id").asText(), outcome.at("/event/account/id").asText());
        var form = new LinkedHashMap<String, String>();
        form.put("amount", "29500");
        form.put("currency", "usd");
        form.put("confirm", "true");
        form.put("payment_method", card);
        form.put("metadata[purpose]", "membership_join");
        form.put("metadata[application_id]", joiner.applicationId());
        form.put("metadata[community_account_id]", joiner.accountId());
        form.put("metadata[level]", "PROFESSIONAL");
        form.put("metadata[email]", email);
        gateway("/v1/payment_intents", form);
        return joiner;
    }

    private String payRenewal(DemoMember m) {
        var form = new LinkedHashMap<String, String>();
        form.put("amount", Long.toString(m.dues().movePointRight(2).longValueExact()));
        form.put("currency", "usd");
        form.put("customer", m.gatewayCustomerId());
        form.put("payment_method", "pm_card_visa");
        form.put("confirm", "true");
        form.put("metadata[purpose]", "renewal");
        form.put("metadata[crm_contact_id]", m.crmContactId());
        form.put("metadata[member_number]", m.memberNumber());
        return gateway("/v1/payment_intents", form).path("id").asText();
    }

    private JsonNode gateway(String path, Map<String, String> form) {
        var body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(sandbox.url("gateway") + path))
                    .header("Authorization", "Bearer sk_test_sandbox")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Check(Map<Effect, List<String>> lost, Map<Effect, List<String>> duplicated) {}

    /** Compares what the partners hold with what the inputs call for. */
    Check check() {
        var lost = new TreeMap<Effect, List<String>>();
        var duplicated = new TreeMap<Effect, List<String>>();
        var welcome = runsBy("welcome", "email");
        var paymentFailed = runsBy("payment-failed", "email");
        var confirmations = runsBy("renewal-confirmation", "requestId");

        for (var j : joins) {
            var contacts = partners.soql("SELECT Id FROM Contact WHERE Email = '" + j.email() + "'").path("records");
            compare(lost, duplicated, Effect.JOIN_CONTACT, j.email(), contacts.size(), 1);
            if (contacts.size() == 0) {
                continue; // without the Contact the join's other effects are not looked for: one loss, counted once
            }
            var id = contacts.get(0).path("Id").asText();
            compare(lost, duplicated, Effect.JOIN_MEMBERSHIP, j.email(),
                    partners.soql("SELECT Id FROM Membership__c WHERE Contact__c = '" + id + "'").path("totalSize").asInt(), 1);
            compare(lost, duplicated, Effect.JOIN_PAYMENT, j.email(),
                    partners.soql("SELECT Id FROM Payment__c WHERE Contact__c = '" + id + "'").path("totalSize").asInt(), 1);
            var account = partners.communityAccount(j.accountId());
            if (!id.equals(account.path("crmContactId").asText()) || !"ACTIVE".equals(account.path("membershipStatus").asText())) {
                lost.computeIfAbsent(Effect.JOIN_COMMUNITY, e -> new ArrayList<>()).add(j.accountId());
            }
            compare(lost, duplicated, Effect.JOIN_WELCOME, j.email(), welcome.getOrDefault(j.email(), 0), 1);
        }
        for (var j : declined) {
            compare(lost, duplicated, Effect.DECLINED_NOTICE, j.email(), paymentFailed.getOrDefault(j.email(), 0), 1);
            var contacts = partners.soql("SELECT Id FROM Contact WHERE Email = '" + j.email() + "'").path("totalSize").asInt();
            if (contacts > 0) {
                duplicated.computeIfAbsent(Effect.DECLINED_NO_CONTACT, e -> new ArrayList<>()).add(j.email());
            }
        }
        renewals.forEach((m, payments) -> {
            for (var payment : payments) {
                compare(lost, duplicated, Effect.RENEWAL_CONFIRMATION, payment,
                        confirmations.getOrDefault("renewal-confirmation:" + payment, 0), 1);
            }
            var end = LocalDate.parse(partners.contact(m.crmContactId()).path("Membership_End_Date__c").asText());
            var expected = m.endDate().plusYears(payments.size());
            if (end.isBefore(expected)) {
                lost.computeIfAbsent(Effect.RENEWAL_END_DATE, e -> new ArrayList<>()).add(m.crmContactId() + " " + end + " < " + expected);
            } else if (end.isAfter(expected)) {
                duplicated.computeIfAbsent(Effect.RENEWAL_END_DATE, e -> new ArrayList<>()).add(m.crmContactId() + " " + end + " > " + expected);
            }
        });
        levels.forEach((m, level) -> {
            if (!level.equalsIgnoreCase(partners.communityAccount(m.communityId()).path("level").asText())) {
                lost.computeIfAbsent(Effect.CRM_EDIT, e -> new ArrayList<>())
                        .add(m.communityId() + " (edited at event " + levelEditedAt.get(m) + "; the CRM holds "
                                + partners.contact(m.crmContactId()).path("Membership_Level__c").asText() + ")");
            }
        });
        bios.forEach((m, bio) -> {
            if (!bio.equals(partners.contact(m.crmContactId()).path("Bio__c").asText())) {
                lost.computeIfAbsent(Effect.PROFILE_EDIT, e -> new ArrayList<>()).add(m.crmContactId());
            }
        });
        employers.forEach((m, values) -> {
            var tasks = partners.soql("SELECT Id, Description FROM Task WHERE WhoId = '" + m.crmContactId() + "'").path("records");
            var superseded = staleDecisions(m.crmContactId(), "employer");
            for (int i = 0; i < values.size(); i++) {
                var employer = values.get(i);
                int n = 0;
                for (var task : tasks) {
                    n += task.path("Description").asText().contains(employer) ? 1 : 0;
                }
                // an edit the community delivered after the member's later one (a webhook retried
                // across a bus restart) is stale: logged as such for staff, never proposed over the
                // later value. The member's last edit is always proposed, exactly once.
                boolean accounted = n == 0 && i < values.size() - 1 && superseded.contains(employer);
                if (!accounted) {
                    compare(lost, duplicated, Effect.PROPOSAL_TASK, m.crmContactId() + " " + employer, n, 1);
                }
            }
        });
        return new Check(lost, duplicated);
    }

    /** The values of a member's field that the bus's decision log holds as stale (superseded) community changes. */
    private List<String> staleDecisions(String memberId, String field) {
        var answer = sandbox.busClient().get("/api/v1/sync/decisions?member=" + memberId + "&decision=stale", BusClient.OPS);
        var values = new ArrayList<String>();
        try {
            for (var item : JSON.readTree(answer.body()).path("items")) {
                if ("member".equals(item.path("objectType").asText()) && field.equals(item.path("field").asText())
                        && "community".equals(item.path("system").asText())) {
                    values.add(item.path("newValue").asText());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return values;
    }

    /** Records a loss or a duplicate; answers whether {@code actual} was not {@code expected}. */
    private static boolean compare(Map<Effect, List<String>> lost, Map<Effect, List<String>> duplicated, Effect effect,
                                   String item, int actual, int expected) {
        if (actual < expected) {
            lost.computeIfAbsent(effect, e -> new ArrayList<>()).add(item);
        } else if (actual > expected) {
            duplicated.computeIfAbsent(effect, e -> new ArrayList<>()).add(item + " x" + actual);
        }
        return actual != expected;
    }

    /** How many runs of a campaign the marketing system holds, by one of their fields. */
    private Map<String, Integer> runsBy(String campaign, String field) {
        var counts = new HashMap<String, Integer>();
        for (var run : partners.campaignRuns(campaign)) {
            counts.merge(run.path(field).asText(), 1, Integer::sum);
        }
        return counts;
    }

    /** The benchmark: {@code CrashHarness [events] [kills]} starts its own partners and bus, prints the report. */
    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int kills = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        var dir = Path.of("target", "crash-harness", "run-" + UUID.randomUUID().toString().substring(0, 8));
        try (var sandbox = PartnersBesideBus.startPartners(dir, partnerSettings())) {
            sandbox.startBus();
            System.out.printf("partners ready in %d s, bus in %d s; logs in %s%n", sandbox.partnersStartUp.toSeconds(),
                    sandbox.lastBusStartUp.toSeconds(), dir);
            var report = new CrashHarness(sandbox, new Settings(events, kills, 20261205L, Duration.ofMinutes(60))).run();
            System.out.println(report.describe());
        }
        System.exit(0);
    }
}
