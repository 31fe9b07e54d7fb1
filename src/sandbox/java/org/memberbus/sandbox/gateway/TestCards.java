package org.memberbus.sandbox.gateway;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stripe's documented test cards, by number and by their test payment method ({@code pm_card_*})
 * and token ({@code tok_*}) names, with what each does when charged. Any other number is refused,
 * as Stripe's test mode does.
 */
final class TestCards {

    enum Outcome { SUCCEED, DECLINE, REQUIRE_ACTION }

    /** One test card; {@code code}, {@code declineCode} and {@code message} describe its decline. */
    record TestCard(String name, String number, String brand, String funding, Outcome outcome,
                    String code, String declineCode, String message, String disputeReason) {

        String paymentMethodId() {
            return "pm_card_" + name;
        }

        PaymentMethod.Card card() {
            return new PaymentMethod.Card(brand, "US", brand, 12, 2034, fingerprint(number), funding,
                    number.substring(number.length() - 4));
        }

        StripeError error(String chargeId) {
            return new StripeError("card_error", code, declineCode, message, null, StripeError.docUrl(code),
                    chargeId, null, null);
        }
    }

    private static final String DECLINED = "Your card was declined.";

    private static final List<TestCard> CARDS = List.of(
            ok("visa", "4242424242424242", "visa", "credit"),
            ok("visa_debit", "4000056655665556", "visa", "debit"),
            ok("mastercard", "5555555555554444", "mastercard", "credit"),
            ok("amex", "378282246310005", "amex", "credit"),
            declined("chargeDeclined", "4000000000000002", "card_declined", "generic_decline", DECLINED),
            declined("chargeDeclinedInsufficientFunds", "4000000000009995", "card_declined", "insufficient_funds",
                    "Your card has insufficient funds."),
            declined("chargeDeclinedLostCard", "4000000000009987", "card_declined", "lost_card", DECLINED),
            declined("chargeDeclinedStolenCard", "4000000000009979", "card_declined", "stolen_card", DECLINED),
            declined("chargeDeclinedExpiredCard", "4000000000000069", "expired_card", "expired_card",
                    "Your card has expired."),
            declined("chargeDeclinedIncorrectCvc", "4000000000000127", "incorrect_cvc", "incorrect_cvc",
                    "Your card's security code is incorrect."),
            declined("chargeDeclinedProcessingError", "4000000000000119", "processing_error", "processing_error",
                    "An error occurred while processing your card. Try again in a little bit."),
            // 3D Secure: on-session payments wait for the customer (requires_action); off-session ones fail
            new TestCard("authenticationRequired", "4000002760003184", "visa", "credit", Outcome.REQUIRE_ACTION,
                    "authentication_required", "authentication_required",
                    "Your card was declined. This transaction requires authentication.", null),
            new TestCard("authenticationRequiredOnSetup", "4000002500003155", "visa", "credit", Outcome.REQUIRE_ACTION,
                    "authentication_required", "authentication_required",
                    "Your card was declined. This transaction requires authentication.", null),
            // disputes: the charge succeeds, then the cardholder's bank opens a dispute at once
            disputed("createDispute", "4000000000000259", "fraudulent"),
            disputed("createDisputeProductNotReceived", "4000000000002685", "product_not_received"));

    private static final Map<String, TestCard> BY_NAME = new LinkedHashMap<>();

    static {
        for (TestCard card : CARDS) {
            BY_NAME.put("pm_card_" + card.name(), card);
            BY_NAME.put("tok_" + card.name(), card);
        }
    }

    private TestCards() {}

    private static TestCard ok(String name, String number, String brand, String funding) {
        return new TestCard(name, number, brand, funding, Outcome.SUCCEED, null, null, null, null);
    }

    private static TestCard disputed(String name, String number, String reason) {
        return new TestCard(name, number, "visa", "credit", Outcome.SUCCEED, null, null, null, reason);
    }

    private static TestCard declined(String name, String number, String code, String declineCode, String message) {
        return new TestCard(name, number, "visa", "credit", Outcome.DECLINE, code, declineCode, message, null);
    }

    static List<TestCard> all() {
        return CARDS;
    }

    /** A test payment method id ({@code pm_card_visa}) or token ({@code tok_visa}). */
    static Optional<TestCard> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    static Optional<TestCard> byNumber(String number) {
        String digits = number == null ? "" : number.replaceAll("[\\s-]", "");
        return CARDS.stream().filter(c -> c.number().equals(digits)).findFirst();
    }

    /** Same number, same fingerprint, as Stripe's fingerprint identifies a card across payment methods. */
    private static String fingerprint(String number) {
        return HexFormat.of().formatHex(Integer.toHexString(number.hashCode()).getBytes()).substring(0, 16);
    }
}
