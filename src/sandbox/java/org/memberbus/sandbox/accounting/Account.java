package org.memberbus.sandbox.accounting;

/**
 * A general ledger account. {@code normalBalance} says which side increases it: debit for assets
 * and expenses (and contra-revenue), credit for liabilities, net assets and revenue.
 */
record Account(String code, String name, Type type, Side normalBalance, String description, boolean active) {

    enum Type { ASSET, LIABILITY, NET_ASSETS, REVENUE, EXPENSE }

    enum Side { DEBIT, CREDIT }
}
