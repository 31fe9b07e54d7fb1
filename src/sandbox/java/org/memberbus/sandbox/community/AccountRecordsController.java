package org.memberbus.sandbox.community;

import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the CRM syncs onto a member's portal: groups, badges, CE balance and content grants. */
@RestController
@RequestMapping("/api/v1")
class AccountRecordsController {

    record GroupJoin(String accountId) {}

    private final Accounts accounts;
    private final Groups groups;
    private final Badges badges;
    private final CeBalances ce;
    private final ContentGrants content;
    private final Clock clock;

    AccountRecordsController(Accounts accounts, Groups groups, Badges badges, CeBalances ce, ContentGrants content,
                             Clock clock) {
        this.accounts = accounts;
        this.groups = groups;
        this.badges = badges;
        this.ce = ce;
        this.content = content;
        this.clock = clock;
    }

    // groups

    @GetMapping("/accounts/{id}/groups")
    Listing<Groups.Membership> groupsOf(@PathVariable String id) {
        accounts.get(id);
        return new Listing<>(groups.of(id));
    }

    @GetMapping("/groups")
    Listing<Groups.Summary> allGroups() {
        return new Listing<>(groups.all());
    }

    @GetMapping("/groups/{name}/members")
    Listing<Groups.Membership> members(@PathVariable String name) {
        return new Listing<>(groups.members(name));
    }

    @PostMapping("/groups/{name}/members")
    ResponseEntity<Groups.Membership> join(@PathVariable String name, @RequestBody GroupJoin join) {
        if (join.accountId() == null) {
            throw ApiException.badRequest("accountId", "is required");
        }
        accounts.get(join.accountId());
        boolean added = groups.join(name, join.accountId(), clock.instant());
        return ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.OK).body(groups.membership(name, join.accountId()));
    }

    @DeleteMapping("/groups/{name}/members/{accountId}")
    ResponseEntity<Void> leave(@PathVariable String name, @PathVariable String accountId) {
        if (!groups.leave(name, accountId)) {
            throw ApiException.notFound("membership of " + accountId + " in group " + name);
        }
        return ResponseEntity.noContent().build();
    }

    // badges and certificates

    @GetMapping("/accounts/{id}/badges")
    Listing<Badges.Badge> badges(@PathVariable String id) {
        accounts.get(id);
        return new Listing<>(badges.of(id));
    }

    /** Awards a badge; a program the member already holds is updated (200) rather than duplicated. */
    @PostMapping("/accounts/{id}/badges")
    ResponseEntity<Badges.Badge> award(@PathVariable String id, @RequestBody Badges.Award award) {
        accounts.get(id);
        var awarded = badges.award(id, award, clock.instant());
        return ResponseEntity.status(awarded.created() ? HttpStatus.CREATED : HttpStatus.OK).body(awarded.badge());
    }

    @DeleteMapping("/accounts/{id}/badges/{badgeId}")
    ResponseEntity<Void> revoke(@PathVariable String id, @PathVariable String badgeId) {
        if (!badges.revoke(id, badgeId)) {
            throw ApiException.notFound("badge " + badgeId + " of account " + id);
        }
        return ResponseEntity.noContent().build();
    }

    // continuing education

    @GetMapping("/accounts/{id}/ce")
    CeBalances.Balance ceBalance(@PathVariable String id) {
        accounts.get(id);
        return ce.of(id).orElseThrow(() -> ApiException.notFound("CE balance of account " + id));
    }

    @PutMapping("/accounts/{id}/ce")
    CeBalances.Balance setCe(@PathVariable String id, @RequestBody CeBalances.Update update) {
        accounts.get(id);
        return ce.set(id, update, clock.instant());
    }

    // content access

    @GetMapping("/accounts/{id}/content-access")
    Listing<ContentGrants.Grant> contentAccess(@PathVariable String id) {
        accounts.get(id);
        return new Listing<>(content.of(id));
    }

    @PostMapping("/accounts/{id}/content-access/{contentId}")
    ResponseEntity<ContentGrants.Grant> grant(@PathVariable String id, @PathVariable String contentId) {
        accounts.get(id);
        boolean added = content.grant(id, contentId, clock.instant());
        var grant = content.of(id).stream().filter(g -> g.contentId().equals(contentId)).findFirst().orElseThrow();
        return ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.OK).body(grant);
    }

    @DeleteMapping("/accounts/{id}/content-access/{contentId}")
    ResponseEntity<Void> revokeContent(@PathVariable String id, @PathVariable String contentId) {
        accounts.get(id);
        if (!content.revoke(id, contentId)) {
            throw ApiException.notFound("content grant " + contentId + " of account " + id);
        }
        return ResponseEntity.noContent().build();
    }
}
