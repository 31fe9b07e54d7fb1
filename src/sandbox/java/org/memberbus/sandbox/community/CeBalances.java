package org.memberbus.sandbox.community;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Continuing-education balances the CRM computes and the portal displays, with the gap still to earn. */
class CeBalances {

    record Balance(int earned, int required, LocalDate periodEnd, int gap, Instant updatedAt) {}

    record Update(Integer earned, Integer required, LocalDate periodEnd) {}

    private final Map<String, Balance> byAccount = new ConcurrentHashMap<>();

    Optional<Balance> of(String accountId) {
        return Optional.ofNullable(byAccount.get(accountId));
    }

    Balance set(String accountId, Update update, Instant at) {
        if (update.earned() == null || update.earned() < 0) {
            throw ApiException.badRequest("earned", "is required and must be >= 0");
        }
        if (update.required() == null || update.required() < 0) {
            throw ApiException.badRequest("required", "is required and must be >= 0");
        }
        var balance = new Balance(update.earned(), update.required(), update.periodEnd(),
                Math.max(0, update.required() - update.earned()), at);
        byAccount.put(accountId, balance);
        return balance;
    }
}
