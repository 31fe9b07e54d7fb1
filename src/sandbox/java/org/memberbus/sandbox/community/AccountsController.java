package org.memberbus.sandbox.community;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Member accounts as integrations manage them. Nothing here emits a webhook: these changes come
 * from the CRM side, and echoing them back would loop.
 */
@RestController
@RequestMapping("/api/v1/accounts")
class AccountsController {

    record AccessChange(Access accessLevel) {}

    record StatusChange(AccountStatus status, LocalDate endDate, AccountLevel level) {}

    record SuspensionRequest(String reason, LocalDate until) {}

    private final Accounts accounts;
    private final ObjectMapper json;
    private final Clock clock;

    AccountsController(Accounts accounts, ObjectMapper json, Clock clock) {
        this.accounts = accounts;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping
    Accounts.Page list(@RequestParam(required = false) String crmContactId,
                       @RequestParam(required = false) AccountStatus status,
                       @RequestParam(required = false) String email,
                       @RequestParam(defaultValue = "0") int page,
                       @RequestParam(defaultValue = "50") int size) {
        return accounts.list(crmContactId, status, email, page, size);
    }

    @GetMapping("/{id}")
    ResponseEntity<Account> get(@PathVariable String id) {
        return versioned(accounts.get(id));
    }

    @PostMapping
    ResponseEntity<Account> create(@RequestBody ObjectNode fields) {
        var account = accounts.create(fields);
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + account.id()))
                .eTag(etag(account)).body(account);
    }

    /** Partial update; with {@code If-Match: "<version>"} it is refused (412) if the account moved on. */
    @PatchMapping("/{id}")
    ResponseEntity<Account> patch(@PathVariable String id, @RequestBody ObjectNode fields,
                                  @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return versioned(accounts.apply(id, fields, Account.INTEGRATION_FIELDS, expectedVersion(ifMatch)).after());
    }

    @PutMapping("/{id}/access")
    ResponseEntity<Account> access(@PathVariable String id, @RequestBody AccessChange change) {
        if (change.accessLevel() == null) {
            throw ApiException.badRequest("accessLevel", "is required (NONE, RESTRICTED, MEMBER or PREMIUM)");
        }
        var fields = json.createObjectNode().put("accessLevel", change.accessLevel().name());
        return versioned(accounts.apply(id, fields, Set.of("accessLevel"), null).after());
    }

    /** The membership status as the CRM has it; access is set separately, through {@code /access}. */
    @PutMapping("/{id}/status")
    ResponseEntity<Account> status(@PathVariable String id, @RequestBody StatusChange change) {
        if (change.status() == null) {
            throw ApiException.badRequest("status", "is required (PENDING, ACTIVE, LAPSED or ARCHIVED)");
        }
        var fields = json.createObjectNode().put("membershipStatus", change.status().name());
        if (change.endDate() != null) {
            fields.put("membershipEndDate", change.endDate().toString());
        }
        if (change.level() != null) {
            fields.put("level", change.level().name());
        }
        return versioned(accounts.apply(id, fields, Set.of("membershipStatus", "membershipEndDate", "level"), null).after());
    }

    @PostMapping("/{id}/suspension")
    ResponseEntity<Account> suspend(@PathVariable String id, @RequestBody SuspensionRequest request) {
        if (request.reason() == null || request.reason().isBlank()) {
            throw ApiException.badRequest("reason", "is required");
        }
        var suspension = new Account.Suspension(request.reason(), clock.instant(), request.until());
        var fields = json.createObjectNode().set("suspension", json.valueToTree(suspension));
        return versioned(accounts.apply(id, (ObjectNode) fields, Set.of("suspension"), null).after());
    }

    @DeleteMapping("/{id}/suspension")
    ResponseEntity<Account> lift(@PathVariable String id) {
        var fields = json.createObjectNode().putNull("suspension");
        return versioned(accounts.apply(id, fields, Set.of("suspension"), null).after());
    }

    private static ResponseEntity<Account> versioned(Account account) {
        return ResponseEntity.ok().eTag(etag(account)).body(account);
    }

    private static String etag(Account account) {
        return "\"" + account.version() + "\"";
    }

    private static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        var value = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("If-Match", "must be the account version, e.g. \"3\"");
        }
    }
}
