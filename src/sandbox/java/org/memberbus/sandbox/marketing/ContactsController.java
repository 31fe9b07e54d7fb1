package org.memberbus.sandbox.marketing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contacts, the Marketo way: {@code POST /rest/v1/contacts} (also {@code /rest/v1/leads.json})
 * with {@code {"action": "createOrUpdate", "lookupField": "email"|"crmContactId", "input": [...]}},
 * answered per record; {@code GET /rest/v1/contacts/{crmContactId}} and
 * {@code GET /rest/v1/contacts?email=} read one back.
 */
@RestController
class ContactsController {

    static final int MAX_BATCH = 300;

    record UpsertRequest(String action, String lookupField, List<JsonNode> input) {}

    private final Contacts contacts;

    ContactsController(Contacts contacts) {
        this.contacts = contacts;
    }

    @PostMapping({"/rest/v1/contacts", "/rest/v1/contacts.json", "/rest/v1/leads.json"})
    MarketoResponse upsert(@RequestBody UpsertRequest request) {
        var action = request.action() == null ? "createOrUpdate" : request.action();
        if (!Contacts.ACTIONS.contains(action)) {
            throw new MarketoException(400, "1003", "Invalid action '" + action + "'; use one of " + Contacts.ACTIONS);
        }
        if (request.lookupField() != null && !List.of("email", "crmContactId").contains(request.lookupField())) {
            throw new MarketoException(400, "1003", "Invalid lookupField '" + request.lookupField()
                    + "'; use email or crmContactId");
        }
        if (request.input() == null || request.input().isEmpty()) {
            throw new MarketoException(400, "1003", "input is required");
        }
        if (request.input().size() > MAX_BATCH) {
            throw new MarketoException(400, "1003", "At most " + MAX_BATCH + " records per call");
        }
        return MarketoResponse.ok(request.input().stream()
                .map(record -> contacts.upsert(record, action, request.lookupField()))
                .toList());
    }

    @GetMapping({"/rest/v1/contacts/{crmContactId}", "/rest/v1/contacts/{crmContactId}.json"})
    MarketoResponse byCrmContactId(@PathVariable String crmContactId) {
        return MarketoResponse.ok(List.of(contacts.byCrmContactId(crmContactId)
                .orElseThrow(() -> new MarketoException(404, "1004", "Lead not found"))));
    }

    /**
     * Marketo's Get Leads by Filter Type: {@code GET /rest/v1/leads.json?filterType=crmContactId|email&filterValues=a,b}
     * (at most 300 values); the leads found, none when nothing matches.
     */
    @GetMapping("/rest/v1/leads.json")
    MarketoResponse byFilter(@RequestParam(required = false) String filterType,
                             @RequestParam(required = false) String filterValues) {
        if (filterType == null || !List.of("email", "crmContactId").contains(filterType)) {
            throw new MarketoException(400, "1003", "Invalid filterType '" + filterType + "'; use email or crmContactId");
        }
        if (filterValues == null || filterValues.isBlank()) {
            throw new MarketoException(400, "1003", "filterValues cannot be blank");
        }
        var values = List.of(filterValues.split(","));
        if (values.size() > MAX_BATCH) {
            throw new MarketoException(400, "1003", "At most " + MAX_BATCH + " filterValues");
        }
        return MarketoResponse.ok(values.stream().map(String::trim)
                .map(v -> "email".equals(filterType) ? contacts.byEmail(v) : contacts.byCrmContactId(v))
                .flatMap(java.util.Optional::stream)
                .toList());
    }

    @GetMapping("/rest/v1/contacts")
    MarketoResponse byEmail(@RequestParam String email) {
        return MarketoResponse.ok(contacts.byEmail(email).map(List::of).orElse(List.of()));
    }
}
