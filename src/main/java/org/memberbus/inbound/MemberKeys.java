package org.memberbus.inbound;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The Kafka key of an inbound fact: the member's CRM contact id wherever the bus can know it, so
 * one member's facts stay in order on one partition. A gateway event often names only the
 * gateway's customer (or, for a join, the application): its CRM id then comes from the object's
 * metadata, the join that the application or customer completed, or the sync ledger and health
 * snapshot, which link gateway customers to contacts. A person the bus does not know yet is keyed
 * by a partner's id for them ({@code gateway:cus_...}, else the community account the payment is
 * for); once their join completes, their next facts carry the CRM id.
 */
public final class MemberKeys {

    private static final Pattern SALESFORCE_ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");

    private final NamedParameterJdbcTemplate jdbc;

    MemberKeys(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public String keyOf(InboundEvent event) {
        String key = event.memberKey();
        if (!(event instanceof GatewayEvent gateway) || SALESFORCE_ID.matcher(key).matches()) {
            return key;
        }
        var object = gateway.data().object();
        var metadata = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        String application = text(metadata.get("application_id"));
        String customer = text(object.get("customer"));
        if (customer == null && "customer".equals(object.get("object"))) {
            customer = text(object.get("id"));
        }
        Optional<String> contact = Optional.empty();
        if (application != null) {
            contact = first("select crm_contact_id from join_request where application_id = :v and crm_contact_id is not null",
                    application);
        }
        if (contact.isEmpty() && customer != null) {
            String id = customer;
            contact = first("select crm_contact_id from join_request where gateway_customer_id = :v"
                    + " and crm_contact_id is not null order by completed_at desc nulls last limit 1", customer)
                    .or(() -> first("select record_id from sync_record_system where system = 'gateway'"
                            + " and external_id = :v order by last_seen_at desc limit 1", id))
                    .or(() -> first("select member_id from member_signals where gateway_customer_id = :v"
                            + " order by member_id limit 1", id));
        }
        if (contact.isPresent()) {
            return contact.get();
        }
        if (customer != null) {
            return "gateway:" + customer;
        }
        String account = text(metadata.get("community_account_id"));
        if (account != null) {
            return "community:" + account;
        }
        return "gateway:" + text(object.get("id"));
    }

    private Optional<String> first(String sql, String value) {
        List<String> found = jdbc.queryForList(sql, Map.of("v", value), String.class);
        return found.stream().filter(id -> id != null && !id.isBlank()).findFirst();
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }
}
