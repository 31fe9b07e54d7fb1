package org.memberbus.sandbox.accounting;

import static org.memberbus.sandbox.accounting.Account.Side.CREDIT;
import static org.memberbus.sandbox.accounting.Account.Side.DEBIT;
import static org.memberbus.sandbox.accounting.Account.Type.ASSET;
import static org.memberbus.sandbox.accounting.Account.Type.EXPENSE;
import static org.memberbus.sandbox.accounting.Account.Type.LIABILITY;
import static org.memberbus.sandbox.accounting.Account.Type.NET_ASSETS;
import static org.memberbus.sandbox.accounting.Account.Type.REVENUE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The association's chart of accounts, a not-for-profit's: fixed in the sandbox. */
final class ChartOfAccounts {

    private final Map<String, Account> accounts = new LinkedHashMap<>();

    ChartOfAccounts() {
        add("1000", "Cash - operating", ASSET, DEBIT, "The operating bank account; Stripe payouts land here");
        add("1100", "Stripe clearing", ASSET, DEBIT, "Card payments collected by the payment gateway, before payout");
        add("1150", "Disputed funds", ASSET, DEBIT, "Funds the gateway withdrew for open disputes (chargebacks)");
        add("1200", "Accounts receivable", ASSET, DEBIT, "Invoiced dues and fees not yet paid (checks, purchase orders)");
        add("1300", "Prepaid expenses", ASSET, DEBIT, "Expenses paid ahead of the period they belong to");
        add("2000", "Accounts payable", LIABILITY, CREDIT, "Amounts owed to suppliers");
        add("2100", "Deferred revenue - dues", LIABILITY, CREDIT, "Dues received for membership months still to come");
        add("2110", "Deferred revenue - events", LIABILITY, CREDIT, "Event fees received for events still to come");
        add("2120", "Deferred revenue - certification", LIABILITY, CREDIT, "Certification fees for exams not yet taken");
        add("2200", "Refunds payable", LIABILITY, CREDIT, "Refunds approved but not yet paid out");
        add("2300", "Unidentified receipts", LIABILITY, CREDIT, "Money received whose purpose is not known yet, to be applied by staff");
        add("3000", "Net assets without donor restrictions", NET_ASSETS, CREDIT, "Accumulated unrestricted surplus");
        add("3100", "Net assets with donor restrictions", NET_ASSETS, CREDIT, "Gifts restricted by their donors");
        add("4000", "Membership dues revenue", REVENUE, CREDIT, "Dues recognized month by month over the membership");
        add("4010", "Membership dues - Student", REVENUE, CREDIT, "Student dues recognized over the term");
        add("4020", "Membership dues - Associate", REVENUE, CREDIT, "Associate dues recognized over the term");
        add("4030", "Membership dues - Professional", REVENUE, CREDIT, "Professional dues recognized over the term");
        add("4040", "Membership dues - Fellow", REVENUE, CREDIT, "Fellow dues recognized over the term");
        add("4100", "Event revenue", REVENUE, CREDIT, "Event registration fees, recognized when the event is held");
        add("4200", "Certification revenue", REVENUE, CREDIT, "Exam and certification fees");
        add("4300", "Donations", REVENUE, CREDIT, "Unrestricted contributions, recognized when received");
        add("4900", "Refunds and allowances", REVENUE, DEBIT, "Contra revenue: refunds of dues, events and certification");
        add("5000", "Program expenses", EXPENSE, DEBIT, "Costs of running events, certification and member programs");
        add("5100", "Payment processing fees", EXPENSE, DEBIT, "Fees charged by the payment gateway");
        add("5110", "Dispute fees", EXPENSE, DEBIT, "Fees the gateway charges for a dispute (chargeback)");
        add("5200", "Bad debt expense", EXPENSE, DEBIT, "Receivables written off");
    }

    private void add(String code, String name, Account.Type type, Account.Side side, String description) {
        accounts.put(code, new Account(code, name, type, side, description, true));
    }

    List<Account> all() {
        return List.copyOf(accounts.values());
    }

    Optional<Account> find(String code) {
        return Optional.ofNullable(code == null ? null : accounts.get(code));
    }
}
