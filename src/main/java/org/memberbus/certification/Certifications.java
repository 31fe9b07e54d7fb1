package org.memberbus.certification;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.memberbus.crm.dto.Certification__c;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an exam result means for the member (routes/certification-awards.camel.yaml): a pass
 * awards the program's certification once (table {@code certification_award}, the CRM record
 * upserted by {@code Certification_Key__c}) with its cycle dates and a signed badge; a fail (or
 * no-show) gives the retake rules: the waiting period after the n-th failed attempt and the most
 * attempts, counted in the order of the sittings. A certification past its expiry lapses and its
 * badge is revoked.
 */
public class Certifications {

    private static final Logger log = LoggerFactory.getLogger(Certifications.class);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A certification the bus awarded; {@code confirmed} once the CRM, community and fact are done. */
    public record Award(String key, String crmContactId, String examCode, String program, String resultId,
                        LocalDate awardedOn, LocalDate expiresOn, UUID badgeId, String badgeUrl,
                        String communityAccount, String communityBadge, boolean revoked, boolean confirmed) {}

    /** Whether the member may sit {@code examCode} again, and from when. */
    public record Retake(String crmContactId, String examCode, int attempts, int failedAttempts, int maxAttempts,
                         boolean eligible, LocalDate eligibleFrom, String reason) {}

    private final JdbcTemplate jdbc;
    private final CertificationRules rules;
    private final BadgeIssuer badges;
    private final Clock clock;

    public Certifications(JdbcTemplate jdbc, CertificationRules rules, BadgeIssuer badges, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.badges = badges;
        this.clock = clock;
    }

    /**
     * The certification a pass earns: the one already awarded for this member and program (however
     * often a pass arrives), else a new one from the day of the sitting for the program's cycle.
     * Null for an exam of no configured program.
     */
    @Transactional
    public Award award(ExamResult result) throws Exception {
        var program = rules.program(result.examCode()).orElse(null);
        if (program == null) {
            log.warn("exam {} leads to no configured program (config/certification.yaml): result {} not awarded",
                    result.examCode(), result.resultId());
            return null;
        }
        var key = result.crmContactId() + ":" + result.examCode();
        var existing = find(key);
        if (existing.isPresent() && !existing.get().revoked()) {
            return existing.get();
        }
        var awardedOn = LocalDate.ofInstant(result.takenAt(), ZoneOffset.UTC);
        var expiresOn = awardedOn.plusYears(program.cycleYears()).minusDays(1);
        var badgeId = UUID.randomUUID();
        var credential = badges.issue(badgeId, result.crmContactId(), program, awardedOn, expiresOn);
        // a new award, or a pass after the earlier certification lapsed: the row is (re)written
        jdbc.update("""
                insert into certification_award (certification_key, crm_contact_id, exam_code, result_id, awarded_on,
                    expires_on, badge_id, credential) values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (certification_key) do update set result_id = excluded.result_id,
                    awarded_on = excluded.awarded_on, expires_on = excluded.expires_on, badge_id = excluded.badge_id,
                    credential = excluded.credential, revoked_at = null, revoked_reason = null,
                    community_badge = null, confirmed_at = null, certificate = null
                where certification_award.revoked_at is not null""",
                key, result.crmContactId(), result.examCode(), result.resultId(), Date.valueOf(awardedOn),
                Date.valueOf(expiresOn), badgeId, credential);
        return find(key).orElseThrow();
    }

    /** The CRM holds at most this many contact ids in one query here (its URL stays well under 8 KB). */
    static final int AWARD_CHUNK = 100;

    /**
     * The awards the passes among {@code results} (a batch the CRM holds as attempts) earn and that
     * are not yet done, in chunks of {@link #AWARD_CHUNK}: the file's 10,000 rows take a few
     * queries and one sObject Collections upsert per chunk, not three calls per pass. An award
     * left unconfirmed (its chunk failed) is done again by the exam.result fact's own consumer.
     */
    public List<List<Award>> awardAll(List<ExamResult> results) throws Exception {
        var pending = new LinkedHashMap<String, Award>();
        for (var r : results) {
            if (r.passed()) {
                var a = award(r);
                if (a != null && !a.confirmed()) {
                    pending.putIfAbsent(a.key(), a);
                }
            }
        }
        var all = List.copyOf(pending.values());
        var chunks = new java.util.ArrayList<List<Award>>();
        for (int from = 0; from < all.size(); from += AWARD_CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + AWARD_CHUNK)));
        }
        return chunks;
    }

    private static String idList(java.util.Collection<String> ids) {
        return ids.stream().map(id -> "'" + id.replaceAll("[^A-Za-z0-9]", "") + "'").distinct()
                .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
    }

    /** The members' certifications without the bus's key (to adopt), one query for the chunk. */
    public String adoptableInChunkQuery(List<Award> chunk) {
        return "SELECT Id, Contact__c, Program__c FROM Certification__c WHERE Contact__c IN "
                + idList(chunk.stream().map(Award::crmContactId).toList()) + " AND Certification_Key__c = null";
    }

    /** The members' community accounts and names (for their certificates), one query for the chunk. */
    public String communityAccountsQuery(List<Award> chunk) {
        return "SELECT Id, Community_Id__c, FirstName, LastName FROM Contact WHERE Id IN "
                + idList(chunk.stream().map(Award::crmContactId).toList());
    }

    /** Community account id by CRM contact id, from the answer to {@link #communityAccountsQuery}. */
    public Map<String, String> communityAccounts(String queryAnswer) throws Exception {
        var accounts = new java.util.HashMap<String, String>();
        for (var r : JSON.readTree(queryAnswer).path("records")) {
            var account = r.path("Community_Id__c");
            if (account.isTextual() && !account.asText().isBlank()) {
                accounts.put(r.path("Id").asText(), account.asText());
            }
        }
        return accounts;
    }

    public String accountOf(Map<String, String> accounts, Award award) {
        return accounts.get(award.crmContactId());
    }

    /**
     * The chunk's CRM writes: records to adopt (updated by their Id, one sObject Collections
     * update) and the others (upserted by {@code Certification_Key__c}, one sObject Collections upsert).
     */
    public record CrmChunk(List<Award> adopted, List<Certification__c> adoptedRecords,
                           List<Award> keyed, List<Certification__c> keyedRecords) {}

    public CrmChunk crmChunk(List<Award> chunk, String adoptableAnswer) throws Exception {
        var free = new java.util.ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        JSON.readTree(adoptableAnswer).path("records").forEach(free::add);
        var adopted = new java.util.ArrayList<Award>();
        var adoptedRecords = new java.util.ArrayList<Certification__c>();
        var keyed = new java.util.ArrayList<Award>();
        var keyedRecords = new java.util.ArrayList<Certification__c>();
        for (var a : chunk) {
            var match = free.stream().filter(r -> a.crmContactId().equals(r.path("Contact__c").asText())
                    && a.program().equals(r.path("Program__c").asText())).findFirst();
            if (match.isPresent()) {
                free.remove(match.get()); // each record adopted once
                adopted.add(a);
                adoptedRecords.add(crmRecord(a, match.get().path("Id").asText()));
            } else {
                keyed.add(a);
                keyedRecords.add(crmRecord(a, null));
            }
        }
        return new CrmChunk(List.copyOf(adopted), List.copyOf(adoptedRecords), List.copyOf(keyed), List.copyOf(keyedRecords));
    }

    /** The awards of a collection call the CRM holds now (record by record, in the order sent); the rest are logged. */
    public List<Award> held(List<Award> sent, List<?> answers) {
        var held = new java.util.ArrayList<Award>();
        for (int i = 0; i < sent.size(); i++) {
            // a SaveSObjectResult or UpsertSObjectResult (or its JSON): read as a tree, whichever it is
            com.fasterxml.jackson.databind.JsonNode answer = i >= answers.size() ? null : JSON.valueToTree(answers.get(i));
            if (answer != null && answer.path("success").asBoolean(false)) {
                held.add(sent.get(i));
            } else {
                // codes only, no personal data; the exam.result fact's consumer tries this one again alone
                var errors = new java.util.ArrayList<String>();
                if (answer != null) {
                    answer.path("errors").forEach(e -> errors.add(e.path("statusCode").asText(e.path("errorCode").asText())
                            + " " + e.path("fields")));
                }
                log.warn("the CRM refused certification {}: {}", sent.get(i).key(), answer == null ? "no answer" : errors);
            }
        }
        return held;
    }

    /** The award a {@code certification.awarded} fact names, as the bus holds it now; null if none. */
    public Award awarded(String fact) throws Exception {
        return find(JSON.readTree(fact).path("certificationKey").asText("")).orElse(null);
    }

    public Optional<Award> find(String key) {
        return jdbc.query("select * from certification_award where certification_key = ?", (rs, n) -> row(rs), key)
                .stream().findFirst();
    }

    private Award row(java.sql.ResultSet rs) throws java.sql.SQLException {
        var badgeId = rs.getObject("badge_id", UUID.class);
        var program = rules.program(rs.getString("exam_code")).map(CertificationRules.Program::name)
                .orElse(rs.getString("exam_code"));
        return new Award(rs.getString("certification_key"), rs.getString("crm_contact_id"), rs.getString("exam_code"),
                program, rs.getString("result_id"), rs.getDate("awarded_on").toLocalDate(),
                rs.getDate("expires_on").toLocalDate(), badgeId, badges.badgeUrl(badgeId),
                rs.getString("community_account"), rs.getString("community_badge"),
                rs.getTimestamp("revoked_at") != null, rs.getTimestamp("confirmed_at") != null);
    }

    /** The CRM record, upserted by {@code Certification_Key__c}. */
    public Certification__c crmRecord(Award a, String adoptId) {
        var c = new Certification__c();
        c.setId(adoptId); // camel-salesforce updates the record its DTO names
        c.setCertification_Key__c(a.key());
        c.setContact__c(a.crmContactId());
        c.setProgram__c(a.program());
        c.setStatus__c(a.revoked() ? "Expired" : "Active");
        c.setAwarded_Date__c(a.awardedOn());
        c.setExpiration_Date__c(a.expiresOn());
        c.setCE_Required__c((double) rules.program(a.examCode()).map(CertificationRules.Program::ceRequired).orElse(0));
        c.setBadge_Url__c(a.badgeUrl());
        return c;
    }

    /** A certification of the award's program the member holds in the CRM without the bus's key. */
    public String adoptableQuery(Award a) {
        return "SELECT Id FROM Certification__c WHERE Contact__c = '" + a.crmContactId().replaceAll("[^A-Za-z0-9]", "")
                + "' AND Program__c = '" + a.program().replace("\\", "").replace("'", "\\'")
                + "' AND Certification_Key__c = null LIMIT 1";
    }

    /** The first record's Id in a query answer, or null. */
    public String firstId(String queryAnswer) throws Exception {
        var id = JSON.readTree(queryAnswer).path("records").path(0).path("Id");
        return id.isTextual() ? id.asText() : null;
    }

    /** The badge on the member's community profile (the community keeps one per program). */
    public Map<String, Object> communityBadge(Award a) {
        var body = new LinkedHashMap<String, Object>();
        body.put("program", a.program());
        body.put("awardedDate", a.awardedOn().toString());
        body.put("expirationDate", a.expiresOn().toString());
        body.put("certificateUrl", a.badgeUrl());
        return body;
    }

    /** The {@code certification.awarded} fact. */
    public Map<String, Object> awardedFact(Award a) {
        var fact = new LinkedHashMap<String, Object>();
        fact.put("certificationKey", a.key());
        fact.put("crmContactId", a.crmContactId());
        fact.put("examCode", a.examCode());
        fact.put("program", a.program());
        fact.put("resultId", a.resultId());
        fact.put("awardedOn", a.awardedOn().toString());
        fact.put("expiresOn", a.expiresOn().toString());
        fact.put("badgeUrl", a.badgeUrl());
        return fact;
    }

    /** The community account id from the CRM's answer to {@code SELECT Community_Id__c FROM Contact ...}. */
    public String communityAccount(String queryAnswer) throws Exception {
        var id = JSON.readTree(queryAnswer).path("records").path(0).path("Community_Id__c");
        return id.isTextual() && !id.asText().isBlank() ? id.asText() : null;
    }

    /** Records where the badge is shown ({@code badgeAnswer}: the community's answer, the badge). */
    public void communityBadgeShown(String key, String communityAccount, String badgeAnswer) throws Exception {
        var communityBadge = JSON.readTree(badgeAnswer).path("id").asText(null);
        jdbc.update("update certification_award set community_account = ?, community_badge = ? where certification_key = ?",
                communityAccount, communityBadge, key);
    }

    public void confirmed(String key) {
        jdbc.update("update certification_award set confirmed_at = now() where certification_key = ?", key);
    }

    /** What a badge's public URLs serve, each from its own column of the award, under its own key in the answer. */
    public enum Document {
        /** The signed Open Badges credential, at {@code /badges/{id}}. */
        CREDENTIAL("credential", "credential"),
        /** The certificate PDF, at {@code /badges/{id}/certificate.pdf}. */
        CERTIFICATE("certificate", "pdf");

        private final String column;
        private final String key;

        Document(String column, String key) {
            this.column = column;
            this.key = key;
        }
    }

    /**
     * A badge's document ({@code credential} or {@code pdf}) and whether it is revoked (with when
     * and why); empty if the badge, or that document of it, does not exist. The one read of an award
     * by its badge: the badge and certificate routes both answer from it.
     */
    public Optional<Map<String, Object>> document(String badgeId, Document document) {
        UUID id;
        try {
            id = UUID.fromString(badgeId);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
        // the column comes from the enum, never from input
        return jdbc.query("select " + document.column + " as document, revoked_at, revoked_reason from certification_award "
                + "where badge_id = ? and " + document.column + " is not null", (rs, n) -> {
                    var m = new LinkedHashMap<String, Object>();
                    m.put(document.key, rs.getObject("document"));
                    var revoked = rs.getTimestamp("revoked_at");
                    m.put("revoked", revoked != null);
                    if (revoked != null) {
                        m.put("revokedAt", revoked.toInstant().toString());
                        m.put("reason", rs.getString("revoked_reason"));
                    }
                    return (Map<String, Object>) m;
                }, id).stream().findFirst();
    }

    /** The signed credential of a badge, empty if there is none; a revoked one says so. */
    public Optional<Map<String, Object>> credential(String badgeId) {
        return document(badgeId, Document.CREDENTIAL);
    }

    /** Certifications whose expiry is before {@code today} and not yet revoked. */
    public List<Award> lapsed() {
        var today = LocalDate.now(clock);
        return jdbc.query("select * from certification_award where revoked_at is null and expires_on < ?",
                (rs, n) -> row(rs), Date.valueOf(today));
    }

    /** A renewal notice due: the certification and the threshold (90, 60 or 30 days) it has crossed. */
    public record RenewalNotice(Award award, int threshold, long daysLeft) {

        /** Once per certification, expiry and threshold: the marketing sink sends a request id once. */
        public String requestId() {
            return "certification-renewal:" + award.key() + ":" + award.expiresOn() + ":" + threshold;
        }
    }

    static final List<Integer> NOTICE_DAYS = List.of(90, 60, 30);

    /**
     * The renewal notices due today: each active certification gets the notice of the smallest
     * threshold its days left are within (a run missed on the exact day still sends it the next day;
     * each once, by its request id).
     */
    public List<RenewalNotice> renewalNoticesDue() {
        var today = LocalDate.now(clock);
        var notices = new java.util.ArrayList<RenewalNotice>();
        for (var a : jdbc.query("select * from certification_award where revoked_at is null and expires_on >= ? "
                + "and expires_on <= ?", (rs, n) -> row(rs), Date.valueOf(today), Date.valueOf(today.plusDays(90)))) {
            long left = java.time.temporal.ChronoUnit.DAYS.between(today, a.expiresOn());
            int threshold = NOTICE_DAYS.stream().filter(d -> left <= d).min(Integer::compare).orElseThrow();
            notices.add(new RenewalNotice(a, threshold, left));
        }
        return notices;
    }

    /** The campaign request of a renewal notice, with the CE credits still missing. */
    public Map<String, Object> renewalNotice(RenewalNotice notice) {
        var a = notice.award();
        var tokens = new LinkedHashMap<String, Object>();
        tokens.put("program", a.program());
        tokens.put("expiresOn", a.expiresOn().toString());
        tokens.put("daysLeft", notice.daysLeft());
        tokens.put("notice", notice.threshold());
        tokens.put("ceGap", ceGap(a));
        var command = new LinkedHashMap<String, Object>();
        command.put("campaign", "certification-renewal");
        command.put("crmContactId", a.crmContactId());
        command.put("tokens", tokens);
        return command;
    }

    /** The CE credits still missing in the certification's current cycle (a renewed one's last). */
    int ceGap(Award a) {
        var required = rules.program(a.examCode()).map(CertificationRules.Program::ceRequired).orElse(0);
        var cycleStart = rules.program(a.examCode()).map(p -> Renewals.cycleStart(a.expiresOn(), p.cycleYears()))
                .filter(d -> d.isAfter(a.awardedOn())).orElse(a.awardedOn());
        var earned = jdbc.queryForObject("select coalesce(sum(credits), 0) from ce_credit where crm_contact_id = ? "
                + "and decision = 'accepted' and earned_on between ? and ?", java.math.BigDecimal.class,
                a.crmContactId(), Date.valueOf(cycleStart), Date.valueOf(a.expiresOn()));
        return Math.max(0, required - earned.intValue());
    }

    // ---- renewal enabled on the community --------------------------------------------------

    /**
     * Whether the community should be told (again) that the notice's certification may be renewed:
     * the member has a community account and it does not show this expiry and CE gap yet.
     */
    public boolean renewalToShow(RenewalNotice notice) {
        var a = notice.award();
        if (a.communityAccount() == null) {
            return false;
        }
        return Boolean.TRUE.equals(jdbc.queryForObject("select community_renewal_expiry is distinct from expires_on "
                + "or community_renewal_gap is distinct from ? from certification_award where certification_key = ?",
                Boolean.class, ceGap(a), a.key()));
    }

    /** What the community shows: renewal enabled, until when, and the CE credits still missing. */
    public Map<String, Object> communityRenewal(RenewalNotice notice) {
        var a = notice.award();
        var body = new LinkedHashMap<String, Object>();
        body.put("program", a.program());
        body.put("renewalEnabled", true);
        body.put("expiresOn", a.expiresOn().toString());
        body.put("ceGap", ceGap(a));
        return body;
    }

    public void renewalShown(RenewalNotice notice) {
        var a = notice.award();
        jdbc.update("update certification_award set community_renewal_expiry = ?, community_renewal_gap = ? "
                + "where certification_key = ?", Date.valueOf(a.expiresOn()), ceGap(a), a.key());
    }

    /** After a renewal or a lapse: nothing to renew is shown on the community any more. */
    public void renewalCleared(String key) {
        jdbc.update("update certification_award set community_renewal_expiry = null, community_renewal_gap = null "
                + "where certification_key = ?", key);
    }

    /** The {@code certification.lapsed} fact (the day after its expiry). */
    public Map<String, Object> lapsedFact(Award a) {
        var fact = new LinkedHashMap<String, Object>();
        fact.put("certificationKey", a.key());
        fact.put("crmContactId", a.crmContactId());
        fact.put("examCode", a.examCode());
        fact.put("program", a.program());
        fact.put("expiresOn", a.expiresOn().toString());
        fact.put("lapsedOn", a.expiresOn().plusDays(1).toString());
        return fact;
    }

    /** Marks it revoked (the badge answers 410 from now on); returns it as revoked. */
    public Award revoke(Award a, String reason) {
        jdbc.update("update certification_award set revoked_at = ?, revoked_reason = ? where certification_key = ? "
                + "and revoked_at is null", Timestamp.from(clock.instant()), reason, a.key());
        return find(a.key()).orElseThrow();
    }

    /** Retake rules after {@code result}, counting the member's attempts at the exam in the order of the sittings. */
    public Retake retake(ExamResult result) {
        return retake(result.crmContactId(), result.examCode(), result);
    }

    public Retake retake(String crmContactId, String examCode) {
        return retake(crmContactId, examCode, null);
    }

    private Retake retake(String crmContactId, String examCode, ExamResult including) {
        var program = rules.program(examCode).orElse(null);
        if (program == null) {
            return new Retake(crmContactId, examCode, 0, 0, 0, false, null, "exam " + examCode + " leads to no program");
        }
        record Attempt(String id, java.time.Instant at, String outcome) {}
        var attempts = new java.util.ArrayList<>(jdbc.query(
                "select result_id, taken_at, outcome from exam_attempt where crm_contact_id = ? and exam_code = ?",
                (rs, n) -> new Attempt(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)),
                crmContactId, examCode));
        if (including != null && attempts.stream().noneMatch(a -> a.id().equals(including.resultId()))) {
            attempts.add(new Attempt(including.resultId(), including.takenAt(), including.outcome().name()));
        }
        attempts.sort(java.util.Comparator.comparing(Attempt::at));
        // attempts count from the last pass (a lapsed holder tries again from zero)
        int lastPass = -1;
        for (int i = 0; i < attempts.size(); i++) {
            if ("PASS".equals(attempts.get(i).outcome())) {
                lastPass = i;
            }
        }
        var since = attempts.subList(lastPass + 1, attempts.size());
        if (lastPass >= 0 && since.isEmpty() && find(crmContactId + ":" + examCode).filter(a -> !a.revoked()).isPresent()) {
            return new Retake(crmContactId, examCode, 0, 0, program.maxAttempts(), false, null,
                    "already holds " + program.name());
        }
        int failed = since.size();
        if (failed >= program.maxAttempts()) {
            return new Retake(crmContactId, examCode, failed, failed, program.maxAttempts(), false, null,
                    "all " + program.maxAttempts() + " attempts used");
        }
        var from = failed == 0 ? LocalDate.now(clock)
                : LocalDate.ofInstant(since.get(failed - 1).at(), ZoneOffset.UTC).plusDays(program.waitingDaysAfter(failed));
        var today = LocalDate.now(clock);
        boolean eligible = !from.isAfter(today);
        return new Retake(crmContactId, examCode, failed, failed, program.maxAttempts(), eligible, from,
                eligible ? "may sit the exam" : "waiting period after attempt " + failed + ": not before " + from);
    }

    /** The failure notice, a campaign request (once per attempt: request id exam-failed:<result id>). */
    public Map<String, Object> failureNotice(ExamResult result, Retake retake) {
        var tokens = new LinkedHashMap<String, Object>();
        tokens.put("exam", result.examCode());
        tokens.put("outcome", result.outcome().name());
        tokens.put("attempts", retake.attempts());
        tokens.put("maxAttempts", retake.maxAttempts());
        tokens.put("retakeFrom", retake.eligibleFrom() == null ? "" : retake.eligibleFrom().toString());
        var command = new LinkedHashMap<String, Object>();
        command.put("campaign", "exam-failed");
        command.put("crmContactId", result.crmContactId());
        command.put("tokens", tokens);
        return command;
    }
}
