package org.memberbus.sandbox.marketing;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.memberbus.sandbox.demo.DemoAssociation;

/** Plants the demo association's members as marketing contacts; a contact's id is the member's number. */
final class MarketingSeed {

    private MarketingSeed() {}

    static void plant(DemoAssociation demo, Contacts contacts, ObjectMapper json) {
        for (var m : demo.members()) {
            var fields = json.createObjectNode()
                    .put("crmContactId", m.crmContactId())
                    .put("email", m.email())
                    .put("firstName", m.firstName())
                    .put("lastName", m.lastName())
                    .put("memberNumber", m.memberNumber())
                    .put("membershipLevel", m.level().name())
                    .put("membershipStatus", m.status().name())
                    .put("membershipEndDate", m.endDate().toString())
                    .put("company", m.employer())
                    .put("city", m.city())
                    .put("country", m.country())
                    .put("unsubscribed", m.number() % 50 == 0);
            contacts.seed(m.number(), fields);
        }
    }
}
