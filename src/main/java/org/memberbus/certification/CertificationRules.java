package org.memberbus.certification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.memberbus.infra.ConfigFile;

/**
 * The certification rules of {@code config/certification.yaml}: programs by exam code (cycle,
 * CE requirement, retake policy), the CE categories and the badge issuer's profile. Read again
 * when the file changes; a bad edit is refused and the rules in force stay.
 */
public final class CertificationRules {

    /** One certification program, reached by passing exam {@code examCode}. */
    public record Program(String examCode, String name, int cycleYears, int ceRequired,
                          List<Integer> retakeWaitingDays, int maxAttempts) {

        /** Days to wait after the {@code failedAttempts}-th failed attempt (the last figure holds beyond). */
        int waitingDaysAfter(int failedAttempts) {
            if (failedAttempts <= 0 || retakeWaitingDays.isEmpty()) {
                return 0;
            }
            return retakeWaitingDays.get(Math.min(failedAttempts, retakeWaitingDays.size()) - 1);
        }
    }

    /** A CE category: the most credits it counts per cycle and whether evidence must come with it. */
    public record CeCategory(String name, double maxPerCycle, boolean evidenceRequired) {}

    /** The application fee in the currency's minor units: members pay {@code member}, anyone else {@code nonMember}. */
    public record ApplicationFee(String currency, long member, long nonMember) {}

    record Rules(Map<String, Program> programs, Map<String, CeCategory> ce, double maxCreditsPerActivity,
                 String issuerName, String issuerUrl, ApplicationFee applicationFee, int eligibilityDays) {

        @Override
        public String toString() {
            return programs.size() + " programs " + programs.keySet() + ", CE categories " + ce.keySet();
        }
    }

    private final ConfigFile<Rules> file;

    public CertificationRules(String path) {
        this.file = new ConfigFile<>("Certification rules", path, CertificationRules::parse, Rules::toString);
    }

    public Optional<Program> program(String examCode) {
        return Optional.ofNullable(file.current().programs().get(examCode));
    }

    /** The program the CRM spells {@code name} (Certification__c.Program__c). */
    public Optional<Program> programNamed(String name) {
        return file.current().programs().values().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<CeCategory> ceCategory(String name) {
        return Optional.ofNullable(name == null ? null : file.current().ce().get(name));
    }

    public List<String> ceCategories() {
        return List.copyOf(file.current().ce().keySet());
    }

    public double maxCreditsPerActivity() {
        return file.current().maxCreditsPerActivity();
    }

    public String issuerName() {
        return file.current().issuerName();
    }

    public String issuerUrl() {
        return file.current().issuerUrl();
    }

    public ApplicationFee applicationFee() {
        return file.current().applicationFee();
    }

    /** How long an exam authorization at the exam body lasts, in days from its first day. */
    public int eligibilityDays() {
        return file.current().eligibilityDays();
    }

    static Rules parse(String text, String source) {
        if (!(ConfigFile.yaml(text, source) instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException(source + ": expected a mapping at the top");
        }
        var errors = new ArrayList<String>();
        var programs = new LinkedHashMap<String, Program>();
        if (root.get("programs") instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((code, value) -> {
                if (!(value instanceof Map<?, ?> p)) {
                    errors.add("programs." + code + ": expected a mapping");
                    return;
                }
                var waits = new ArrayList<Integer>();
                if (p.get("retake-waiting-days") instanceof List<?> list) {
                    list.forEach(w -> {
                        if (w instanceof Integer i && i >= 0) {
                            waits.add(i);
                        } else {
                            errors.add("programs." + code + ".retake-waiting-days: whole days >= 0");
                        }
                    });
                }
                var name = p.get("name") instanceof String s && !s.isBlank() ? s : null;
                if (name == null) {
                    errors.add("programs." + code + ".name: required");
                }
                int cycle = positive(p.get("cycle-years"), "programs." + code + ".cycle-years", errors);
                int ce = p.get("ce-required") instanceof Integer i && i >= 0 ? i : -1;
                if (ce < 0) {
                    errors.add("programs." + code + ".ce-required: a whole number >= 0");
                }
                int max = positive(p.get("max-attempts"), "programs." + code + ".max-attempts", errors);
                programs.put(code.toString(), new Program(code.toString(), name, cycle, ce, List.copyOf(waits), max));
            });
        } else {
            errors.add("programs: at least one program is required");
        }
        var categories = new LinkedHashMap<String, CeCategory>();
        double perActivity = 0;
        if (root.get("ce") instanceof Map<?, ?> ce) {
            perActivity = ce.get("max-credits-per-activity") instanceof Number n ? n.doubleValue() : 0;
            if (perActivity <= 0) {
                errors.add("ce.max-credits-per-activity: a number > 0");
            }
            if (ce.get("categories") instanceof Map<?, ?> cats) {
                cats.forEach((name, value) -> {
                    if (value instanceof Map<?, ?> c && c.get("max-per-cycle") instanceof Number n && n.doubleValue() > 0) {
                        categories.put(name.toString(), new CeCategory(name.toString(), n.doubleValue(),
                                Boolean.TRUE.equals(c.get("evidence-required"))));
                    } else {
                        errors.add("ce.categories." + name + ".max-per-cycle: a number > 0");
                    }
                });
            }
        } else {
            errors.add("ce: required");
        }
        var badges = root.get("badges") instanceof Map<?, ?> b ? b : Map.of();
        var issuerName = badges.get("issuer-name") instanceof String s ? s : null;
        var issuerUrl = badges.get("issuer-url") instanceof String s && s.startsWith("http") ? s : null;
        if (issuerName == null || issuerUrl == null) {
            errors.add("badges.issuer-name and badges.issuer-url (http(s)) are required");
        }
        ApplicationFee fee = null;
        if (root.get("application-fee") instanceof Map<?, ?> f) {
            var currency = f.get("currency") instanceof String c && c.matches("[a-z]{3}") ? c : null;
            long member = f.get("member") instanceof Number n && n.longValue() >= 0 ? n.longValue() : -1;
            long nonMember = f.get("non-member") instanceof Number n && n.longValue() >= 0 ? n.longValue() : -1;
            if (currency == null || member < 0 || nonMember < 0) {
                errors.add("application-fee: currency (three lower-case letters), member and non-member (minor units >= 0)");
            } else {
                fee = new ApplicationFee(currency, member, nonMember);
            }
        } else {
            errors.add("application-fee: required");
        }
        var examBody = root.get("exam-body") instanceof Map<?, ?> e ? e : Map.of();
        int eligibilityDays = positive(examBody.get("eligibility-days"), "exam-body.eligibility-days", errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", errors));
        }
        return new Rules(Map.copyOf(programs), Map.copyOf(categories), perActivity, issuerName, issuerUrl, fee,
                eligibilityDays);
    }

    private static int positive(Object value, String field, List<String> errors) {
        if (value instanceof Integer i && i > 0) {
            return i;
        }
        errors.add(field + ": a whole number > 0");
        return 1;
    }
}
