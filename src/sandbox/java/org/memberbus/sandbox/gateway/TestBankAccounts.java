package org.memberbus.sandbox.gateway;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Stripe's documented test bank accounts for ACH Direct Debit ({@code us_bank_account}), routing
 * number {@code 110000000}: the payment is {@code processing} first and then succeeds, or fails with
 * the ACH return's failure code, as Stripe's testing guide lists them. Any other account is refused.
 */
final class TestBankAccounts {

    static final String ROUTING_NUMBER = "110000000";
    static final String BANK_NAME = "STRIPE TEST BANK";

    /** One test account; a null {@code failureCode} means the debit succeeds. */
    record TestBankAccount(String accountNumber, String failureCode, String failureMessage) {

        boolean succeeds() {
            return failureCode == null;
        }

        PaymentMethod.UsBankAccount account(String holderType, String accountType) {
            return new PaymentMethod.UsBankAccount(holderType == null ? "individual" : holderType,
                    accountType == null ? "checking" : accountType, BANK_NAME, null,
                    HexFormat.of().formatHex(Integer.toHexString((ROUTING_NUMBER + accountNumber).hashCode())
                            .getBytes()).substring(0, 16),
                    accountNumber.substring(accountNumber.length() - 4), PaymentMethod.Networks.ACH, ROUTING_NUMBER,
                    java.util.Map.of());
        }

        StripeError error(String chargeId) {
            return new StripeError("invalid_request_error", failureCode, null, failureMessage, null,
                    StripeError.docUrl(failureCode), chargeId, null, null);
        }
    }

    private static final List<TestBankAccount> ACCOUNTS = List.of(
            new TestBankAccount("000123456789", null, null),
            new TestBankAccount("000111111113", "account_closed",
                    "The customer's bank account has been closed."),
            new TestBankAccount("000111111116", "no_account",
                    "The customer's bank account could not be located."),
            new TestBankAccount("000222222227", "insufficient_funds",
                    "The customer's account has insufficient funds to cover this payment."),
            new TestBankAccount("000333333335", "debit_not_authorized",
                    "The customer has notified their bank that this payment was unauthorized."),
            new TestBankAccount("000444444440", "invalid_currency",
                    "The bank was unable to process this payment because of its currency."));

    private TestBankAccounts() {}

    static List<TestBankAccount> all() {
        return ACCOUNTS;
    }

    static Optional<TestBankAccount> find(String routingNumber, String accountNumber) {
        if (!ROUTING_NUMBER.equals(routingNumber)) {
            return Optional.empty();
        }
        return ACCOUNTS.stream().filter(a -> a.accountNumber().equals(accountNumber)).findFirst();
    }
}
