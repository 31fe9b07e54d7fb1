package org.memberbus.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.memberbus.certification.CeCredits;
import org.memberbus.infra.PoisonMessageException;
import org.springframework.stereotype.Component;

/**
 * "Sync CEU Data (Community ← CRM)": after an event's CEUs were awarded (fact ceu.awarded), the
 * member's CE balance on the community is what the CRM holds: the CE_Credit__c of the member's
 * current certification cycle (all of them for a member holding no certification), the cycle's
 * requirement and end. The credit just awarded counts whether or not its upsert has reached the
 * CRM yet (it travels through the CRM command queue), and counts once. The community's balance is
 * a state set; the bus sends it once per award (partner_effect, key {@link #key}). Computes only;
 * routes/events-ceu.camel.yaml asks the CRM and tells the community.
 */
@Component("eventCeBalance")
public class EventCeBalance {

    private static final Pattern CONTACT_ID = Pattern.compile("003[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");
    private final ObjectMapper json;

    EventCeBalance(ObjectMapper json) {
        this.json = json;
    }

    /** The award's fact (a ceu.awarded value), checked: a fact without its member or key is poison. */
    public Map<String, Object> read(String fact) throws IOException {
        JsonNode root = json.readTree(fact);
        var contact = root.path("crmContactId").asText("");
        var sourceKey = root.path("sourceKey").asText("");
        if (!CONTACT_ID.matcher(contact).matches() || sourceKey.isBlank() || !root.path("credits").isNumber()) {
            throw new PoisonMessageException("a ceu.awarded fact without crmContactId, sourceKey or credits");
        }
        var award = new LinkedHashMap<String, Object>();
        award.put("contactId", contact);
        award.put("sourceKey", sourceKey);
        award.put("credits", root.get("credits").decimalValue());
        award.put("earnedOn", root.path("earnedOn").asText(null));
        return award;
    }

    /** The bus's idempotency key for the balance this award brings to the community. */
    public String key(Map<String, Object> award) {
        return "ce-balance:" + award.get("sourceKey");
    }

    /** SOQL: the member's current certification (as CeCredits reads the cycle from it). */
    public String cycleQuery(Map<String, Object> award) {
        return "SELECT Program__c, Awarded_Date__c, Expiration_Date__c, CE_Required__c FROM Certification__c WHERE Contact__c = '"
                + award.get("contactId") + "' AND Status__c = 'Active' ORDER BY Expiration_Date__c DESC LIMIT 1";
    }

    /** SOQL: every CE credit the CRM holds for the member. */
    public String creditsQuery(Map<String, Object> award) {
        return "SELECT Source_Key__c, Credits__c, Earned_Date__c FROM CE_Credit__c WHERE Contact__c = '"
                + award.get("contactId") + "'";
    }

    /** The community's CE balance (earned whole credits, required, period end) from the CRM's answers. */
    public Map<String, Object> balance(Map<String, Object> award, Optional<CeCredits.Cycle> cycle, String creditsAnswer)
            throws IOException {
        var c = cycle.orElse(null);
        var earned = BigDecimal.ZERO;
        for (JsonNode credit : json.readTree(creditsAnswer).path("records")) {
            if (award.get("sourceKey").equals(credit.path("Source_Key__c").asText())) {
                continue; // counted below, from the award itself
            }
            if (inCycle(c, credit.path("Earned_Date__c").asText(null))) {
                earned = earned.add(credit.path("Credits__c").decimalValue());
            }
        }
        if (inCycle(c, (String) award.get("earnedOn"))) {
            earned = earned.add((BigDecimal) award.get("credits"));
        }
        var body = new LinkedHashMap<String, Object>();
        // the community shows whole credits, as the certification flow sends them
        body.put("earned", earned.setScale(0, RoundingMode.DOWN).intValue());
        body.put("required", c == null ? 0 : c.required());
        body.put("periodEnd", c == null ? null : c.end().toString());
        return body;
    }

    private static boolean inCycle(CeCredits.Cycle cycle, String earnedOn) {
        if (cycle == null) {
            return true;
        }
        if (earnedOn == null || earnedOn.isBlank()) {
            return false;
        }
        var day = LocalDate.parse(earnedOn);
        return !day.isBefore(cycle.start()) && !day.isAfter(cycle.end());
    }
}
