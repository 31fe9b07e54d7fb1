package org.memberbus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.memberbus.certification.CeCredits;
import org.memberbus.infra.PoisonMessageException;

/** The CE balance an event's award brings to the community, from the CRM's answers. */
class EventCeBalanceTest {

    final EventCeBalance balances = new EventCeBalance(new ObjectMapper());
    static final String FACT = """
            {"type": "ceu.awarded", "crmContactId": "003DM0000000009AAA", "sourceKey": "event:pi_1",
             "credits": 1.5, "earnedOn": "2026-12-05"}""";

    @Test
    void theNewCreditCountsOnceWhetherOrNotTheCrmHoldsItYetAndOnlyCreditsOfTheCycleCount() throws Exception {
        var award = balances.read(FACT);
        var cycle = Optional.of(new CeCredits.Cycle(LocalDate.parse("2024-01-01"), LocalDate.parse("2026-12-31"), 30));
        var before = """
                {"records": [{"Source_Key__c": "act-1", "Credits__c": 10, "Earned_Date__c": "2025-03-01"},
                             {"Source_Key__c": "act-0", "Credits__c": 7, "Earned_Date__c": "2023-06-01"}]}""";
        var after = before.replace("]}", ", {\"Source_Key__c\": \"event:pi_1\", \"Credits__c\": 1.5, \"Earned_Date__c\": \"2026-12-05\"}]}");
        var expected = java.util.Map.of("earned", 11, "required", 30, "periodEnd", "2026-12-31");
        assertThat(balances.balance(award, cycle, before)).containsAllEntriesOf(expected);
        assertThat(balances.balance(award, cycle, after)).containsAllEntriesOf(expected);
        assertThat(balances.key(award)).isEqualTo("ce-balance:event:pi_1");
    }

    @Test
    void withoutACertificationEveryCreditCountsAndNothingIsRequired() throws Exception {
        var body = balances.balance(balances.read(FACT), Optional.empty(), """
                {"records": [{"Source_Key__c": "act-0", "Credits__c": 7, "Earned_Date__c": "2019-06-01"}]}""");
        assertThat(body).containsEntry("earned", 8).containsEntry("required", 0).containsEntry("periodEnd", null);
    }

    @Test
    void aFactWithoutItsMemberOrKeyIsPoison() {
        assertThatThrownBy(() -> balances.read(FACT.replace("\"event:pi_1\"", "\"\""))).isInstanceOf(PoisonMessageException.class);
        assertThatThrownBy(() -> balances.read(FACT.replace("003DM0000000009AAA", "x"))).isInstanceOf(PoisonMessageException.class);
    }
}
