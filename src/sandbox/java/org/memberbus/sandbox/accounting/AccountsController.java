package org.memberbus.sandbox.accounting;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The chart of accounts and balances: {@code GET /api/v1/accounts[?type=REVENUE]},
 * {@code GET /api/v1/accounts/{code}}, {@code GET /api/v1/accounts/{code}/balance?asOf=YYYY-MM-DD}
 * (inclusive, today by default; the balance is signed by the account's normal side) and
 * {@code GET /api/v1/trial-balance?asOf=}.
 */
@RestController
class AccountsController {

    record Accounts(List<Account> data) {}

    private final ChartOfAccounts chart;
    private final Ledger ledger;
    private final Clock clock;

    AccountsController(ChartOfAccounts chart, Ledger ledger, Clock accountingClock) {
        this.chart = chart;
        this.ledger = ledger;
        this.clock = accountingClock;
    }

    @GetMapping("/api/v1/accounts")
    Accounts accounts(@RequestParam(required = false) Account.Type type) {
        return new Accounts(chart.all().stream().filter(a -> type == null || a.type() == type).toList());
    }

    @GetMapping("/api/v1/accounts/{code}")
    Account account(@PathVariable String code) {
        return chart.find(code).orElseThrow(() -> LedgerProblem.notFound("Account " + code));
    }

    @GetMapping("/api/v1/accounts/{code}/balance")
    Ledger.Balance balance(@PathVariable String code, @RequestParam(required = false) String asOf) {
        return ledger.balance(account(code), asOf(asOf));
    }

    /** The company's accounting preferences: the books-closed date (QuickBooks Online's AccountingInfoPrefs.BookCloseDate). */
    @GetMapping("/api/v1/preferences")
    java.util.Map<String, Object> preferences() {
        var prefs = new java.util.HashMap<String, Object>();
        prefs.put("booksClosedDate", ledger.booksClosed());
        return prefs;
    }

    @GetMapping("/api/v1/trial-balance")
    Ledger.TrialBalance trialBalance(@RequestParam(required = false) String asOf) {
        return ledger.trialBalance(asOf(asOf));
    }

    private LocalDate asOf(String value) {
        var date = JournalEntriesController.date(value, "asOf");
        return date == null ? LocalDate.now(clock) : date;
    }
}
