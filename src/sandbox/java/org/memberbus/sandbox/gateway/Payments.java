package org.memberbus.sandbox.gateway;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Payment intents, charges, refunds and payment methods. Confirming an intent charges its card
 * with the test card's documented outcome: success makes a charge and a balance transaction; a
 * decline makes a failed charge, sets {@code last_payment_error} and answers 402; a 3D Secure
 * card leaves the intent in {@code requires_action} until it is confirmed again (or its
 * {@code next_action} URL is visited), which then succeeds. A dispute test card succeeds and then
 * has a dispute opened against it ({@link Disputes}).
 *
 * <p>An ACH Direct Debit ({@code us_bank_account}) is a delayed-notification payment, as in Stripe:
 * confirming it leaves the intent {@code processing} with a {@code pending} charge
 * ({@code payment_intent.processing}, {@code charge.pending}); the settlement delay later (4 business
 * days in Stripe, {@code sandbox.gateway.ach-settlement-delay} here, on the gateway's clock) the
 * test account's outcome arrives: {@code charge.succeeded} and {@code payment_intent.succeeded}, or
 * an ACH return, {@code charge.failed} and {@code payment_intent.payment_failed}.
 */
final class Payments {

    /** Told when an intent reaches an outcome, so an invoice it pays can follow. */
    interface Listener {
        void succeeded(PaymentIntent intent, ApiRequest request, long at);

        void failed(PaymentIntent intent, ApiRequest request, long at);

        void actionRequired(PaymentIntent intent, ApiRequest request, long at);
    }

    /** An attempt's result: the intent as it now stands, and the card error if it was declined. */
    record Attempt(PaymentIntent intent, StripeError error) {}

    private static final Set<String> REFUND_REASONS = Set.of("duplicate", "fraudulent", "requested_by_customer");

    private final GatewayState state;
    private final EventLog events;
    private final Disputes disputes;
    private final long achSettlementSeconds;
    private Listener listener = new Listener() {
        @Override
        public void succeeded(PaymentIntent intent, ApiRequest request, long at) {}

        @Override
        public void failed(PaymentIntent intent, ApiRequest request, long at) {}

        @Override
        public void actionRequired(PaymentIntent intent, ApiRequest request, long at) {}
    };

    Payments(GatewayState state, EventLog events, Disputes disputes, java.time.Duration achSettlementDelay) {
        this.state = state;
        this.events = events;
        this.disputes = disputes;
        this.achSettlementSeconds = achSettlementDelay.toSeconds();
    }

    void listen(Listener listener) {
        this.listener = listener;
    }

    // ---- payment methods ------------------------------------------------------------------

    /** A stored payment method, or one of Stripe's test payment methods ({@code pm_card_visa}). */
    PaymentMethod method(String id, String param) {
        var stored = state.paymentMethods.get(id);
        if (stored != null) {
            return stored;
        }
        return TestCards.byName(id).filter(c -> id.startsWith("pm_"))
                .map(card -> PaymentMethod.card(id, 0, card.card(), PaymentMethod.BillingDetails.EMPTY, Map.of()))
                .orElseThrow(() -> StripeException.resourceMissing("PaymentMethod", id, param));
    }

    private TestCards.TestCard cardOf(PaymentMethod method) {
        var card = state.cardOfPaymentMethod.get(method.id());
        return card != null ? card : TestCards.byName(method.id()).orElseThrow();
    }

    PaymentMethod createMethod(FormParams params, long at) {
        params.allowOnly("type", "card", "us_bank_account", "billing_details", "metadata");
        String type = params.required("type");
        if (type.equals("us_bank_account")) {
            return createBankAccount(params, at);
        }
        if (!"card".equals(type)) {
            throw StripeException.invalidRequest("parameter_invalid_string", "type",
                    "The sandbox gateway supports payment methods of type card and us_bank_account only.");
        }
        var card = params.hash("card");
        if (card == null) {
            throw StripeException.parameterMissing("card");
        }
        return storeMethod(testCard(card), billing(params.hash("billing_details")), params.metadata(Map.of()), at);
    }

    /**
     * A bank account from {@code us_bank_account[routing_number]} and {@code [account_number]}, one of
     * Stripe's test accounts; Stripe requires the account holder's name. It is treated as verified
     * (as by Financial Connections): the sandbox has no micro-deposits.
     */
    private PaymentMethod createBankAccount(FormParams params, long at) {
        var bank = params.hash("us_bank_account");
        if (bank == null) {
            throw StripeException.parameterMissing("us_bank_account");
        }
        bank.allowOnly("routing_number", "account_number", "account_holder_type", "account_type");
        var billingParams = params.hash("billing_details");
        var billing = billing(billingParams);
        if (billing.name() == null) {
            throw StripeException.invalidRequest("parameter_missing", "billing_details[name]",
                    "Missing required param: billing_details[name]. The account holder's name is required "
                            + "for us_bank_account payment methods.");
        }
        String routing = bank.required("routing_number");
        String number = bank.required("account_number");
        String holderType = bank.string("account_holder_type");
        if (holderType != null && !holderType.matches("individual|company")) {
            throw StripeException.invalidRequest("parameter_invalid_string", "us_bank_account[account_holder_type]",
                    "Invalid us_bank_account[account_holder_type]: must be one of individual or company");
        }
        String accountType = bank.string("account_type");
        if (accountType != null && !accountType.matches("checking|savings")) {
            throw StripeException.invalidRequest("parameter_invalid_string", "us_bank_account[account_type]",
                    "Invalid us_bank_account[account_type]: must be one of checking or savings");
        }
        var test = TestBankAccounts.find(routing, number).orElseThrow(() -> StripeException.invalidRequest(
                "invalid_bank_account", "us_bank_account[account_number]",
                "Your request was in test mode, but used a non test bank account. For a list of test "
                        + "accounts, visit: https://stripe.com/docs/payments/ach-direct-debit/accept-a-payment#test-integration."));
        var method = PaymentMethod.usBankAccount(Ids.next("pm"), at, test.account(holderType, accountType), billing,
                params.metadata(Map.of()));
        state.bankAccountOfPaymentMethod.put(method.id(), test);
        return state.paymentMethods.put(method);
    }

    private PaymentMethod storeMethod(TestCards.TestCard card, PaymentMethod.BillingDetails billing,
                                      Map<String, String> metadata, long at) {
        var method = PaymentMethod.card(Ids.next("pm"), at, card.card(), billing, metadata);
        state.cardOfPaymentMethod.put(method.id(), card);
        return state.paymentMethods.put(method);
    }

    /** {@code card[number]} (a documented test number) or {@code card[token]} ({@code tok_visa}). */
    private TestCards.TestCard testCard(FormParams card) {
        card.allowOnly("number", "exp_month", "exp_year", "cvc", "token");
        if (card.string("token") != null) {
            return TestCards.byName(card.string("token")).filter(c -> card.string("token").startsWith("tok_"))
                    .orElseThrow(() -> StripeException.resourceMissing("token", card.string("token"), "card[token]"));
        }
        String number = card.required("number");
        return TestCards.byNumber(number).orElseThrow(() -> new StripeException(402, luhn(number)
                ? new StripeError("card_error", "card_declined", "test_mode_live_card",
                "Your card was declined. Your request was in test mode, but used a non test (live) card. "
                        + "For a list of valid test cards, visit: https://stripe.com/docs/testing.",
                "number", StripeError.docUrl("card_declined"), null, null, null)
                : new StripeError("card_error", "incorrect_number", null, "Your card number is incorrect.",
                "number", StripeError.docUrl("incorrect_number"), null, null, null), false));
    }

    private static boolean luhn(String number) {
        String digits = number.replaceAll("[\\s-]", "");
        if (!digits.matches("\\d{12,19}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }
        return sum % 10 == 0;
    }

    private static PaymentMethod.BillingDetails billing(FormParams billing) {
        if (billing == null) {
            return PaymentMethod.BillingDetails.EMPTY;
        }
        billing.allowOnly("name", "email", "phone", "address");
        return new PaymentMethod.BillingDetails(null, billing.string("email"), billing.string("name"), billing.string("phone"));
    }

    /**
     * Attaches a payment method to a customer. A test payment method ({@code pm_card_visa}) is a
     * template: attaching it makes a new payment method, as Stripe does.
     */
    PaymentMethod attach(String id, String customerId, ApiRequest request, long at) {
        var customer = state.customers.require(customerId, "customer");
        var method = method(id, "payment_method");
        if (state.paymentMethods.get(id) == null && !method.isBankAccount()) {
            method = storeMethod(cardOf(method), method.billingDetails(), Map.of(), at);
        }
        var attached = state.paymentMethods.put(method.attachedTo(customer.id()));
        events.publish("payment_method.attached", attached, request, at);
        return attached;
    }

    PaymentMethod detach(String id, ApiRequest request, long at) {
        var method = state.paymentMethods.require(id, "payment_method");
        if (method.customer() == null) {
            throw StripeException.invalidRequest("payment_method_unexpected_state", null,
                    "The payment method you provided is not attached to a customer so detachment is impossible.");
        }
        var detached = state.paymentMethods.put(method.attachedTo(null));
        events.publish("payment_method.detached", detached, request, at);
        return detached;
    }

    // ---- payment intents ------------------------------------------------------------------

    PaymentIntent create(FormParams params, ApiRequest request, long at) {
        params.allowOnly("amount", "currency", "customer", "description", "metadata", "payment_method",
                "payment_method_data", "payment_method_types", "confirm", "off_session", "receipt_email",
                "setup_future_usage", "statement_descriptor", "statement_descriptor_suffix", "capture_method",
                "confirmation_method", "automatic_payment_methods", "return_url", "error_on_requires_action",
                "mandate_data", "payment_method_options");
        long amount = amount(params);
        String currency = currency(params);
        String customer = params.string("customer");
        if (customer != null) {
            state.customers.require(customer, "customer");
        }
        String capture = params.string("capture_method");
        if (capture != null && !capture.startsWith("automatic")) {
            throw StripeException.invalidRequest("parameter_invalid_string", "capture_method",
                    "The sandbox gateway captures automatically; capture_method=" + capture + " is not supported.");
        }
        var methodTypes = params.strings("payment_method_types");
        if (methodTypes == null || methodTypes.isEmpty()) {
            methodTypes = List.of("card");
        }
        for (String type : methodTypes) {
            if (!type.equals("card") && !type.equals("us_bank_account")) {
                throw StripeException.invalidRequest("parameter_invalid_string", "payment_method_types",
                        "The sandbox gateway supports card and us_bank_account payments only.");
            }
        }
        if (methodTypes.contains("us_bank_account") && !currency.equals("usd")) {
            throw StripeException.invalidRequest("parameter_invalid_string", "currency",
                    "The currency provided (" + currency + ") is invalid for one or more payment method types on "
                            + "this PaymentIntent. us_bank_account payments must be in usd.");
        }
        String methodId = paymentMethodParam(params, at);
        var intent = PaymentIntent.create(Ids.next("pi"), at, amount, currency, customer, params.string("description"),
                params.metadata(Map.of()), methodId, params.string("receipt_email"), params.string("setup_future_usage"),
                params.string("statement_descriptor"), List.copyOf(methodTypes));
        state.paymentIntents.put(intent);
        events.publish("payment_intent.created", intent, request, at);
        if (params.flag("confirm")) {
            return confirmOrThrow(intent, null, params.flag("off_session"), params.string("return_url"),
                    params.has("mandate_data"), request, at);
        }
        return intent;
    }

    private String paymentMethodParam(FormParams params, long at) {
        if (params.string("payment_method") != null) {
            return method(params.string("payment_method"), "payment_method").id();
        }
        var data = params.hash("payment_method_data");
        if (data != null) {
            return createMethod(data, at).id();
        }
        return null;
    }

    private static long amount(FormParams params) {
        long amount = params.requiredInteger("amount");
        if (amount < 50) {
            throw StripeException.invalidRequest("amount_too_small", "amount",
                    "Amount must be at least $0.50 usd");
        }
        if (amount > 99_999_999) {
            throw StripeException.invalidRequest("amount_too_large", "amount",
                    "Amount must be no more than $999,999.99");
        }
        return amount;
    }

    private static String currency(FormParams params) {
        String currency = params.required("currency");
        if (!currency.matches("[a-zA-Z]{3}")) {
            throw StripeException.invalidRequest("parameter_invalid_string", "currency",
                    "Invalid currency: " + currency);
        }
        return currency.toLowerCase();
    }

    PaymentIntent update(String id, FormParams params, long at) {
        params.allowOnly("amount", "currency", "customer", "description", "metadata", "payment_method", "receipt_email");
        var intent = state.paymentIntents.require(id, "intent");
        boolean changesMoney = params.has("amount") || params.has("currency") || params.has("customer")
                || params.has("payment_method");
        if (!intent.open() && changesMoney) {
            throw unexpectedState("update", intent);
        }
        String customer = params.has("customer") ? params.string("customer") : intent.customer();
        if (customer != null) {
            state.customers.require(customer, "customer");
        }
        var updated = intent.update(params.has("amount") ? amount(params) : intent.amount(),
                params.has("currency") ? currency(params) : intent.currency(), customer,
                params.has("description") ? params.string("description") : intent.description(),
                params.metadata(intent.metadata()),
                params.has("payment_method") ? paymentMethodParam(params, at) : intent.paymentMethod(),
                params.has("receipt_email") ? params.string("receipt_email") : intent.receiptEmail());
        // Stripe has no payment_intent.updated event
        return state.paymentIntents.put(updated);
    }

    PaymentIntent confirm(String id, FormParams params, ApiRequest request, long at) {
        params.allowOnly("payment_method", "payment_method_data", "off_session", "return_url", "receipt_email",
                "setup_future_usage", "error_on_requires_action", "mandate_data", "payment_method_options");
        var intent = state.paymentIntents.require(id, "intent");
        if (!intent.open()) {
            throw unexpectedState("confirm", intent);
        }
        String methodId = paymentMethodParam(params, at);
        return confirmOrThrow(intent, methodId, params.flag("off_session"), params.string("return_url"),
                params.has("mandate_data"), request, at);
    }

    private PaymentIntent confirmOrThrow(PaymentIntent intent, String methodId, boolean offSession, String returnUrl,
                                         boolean mandate, ApiRequest request, long at) {
        String chosen = methodId != null ? methodId : intent.paymentMethod();
        if (chosen == null) {
            throw StripeException.invalidRequest("payment_intent_unexpected_state", null,
                    "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the "
                            + "PaymentIntent with " + intent.customer() + ", specify a payment method attached to "
                            + "this customer along with the customer ID.");
        }
        var method = method(chosen, "payment_method");
        if (!intent.paymentMethodTypes().contains(method.type())) {
            throw StripeException.invalidRequest("payment_intent_incompatible_payment_method", "payment_method",
                    "The PaymentMethod provided (" + method.type() + ") is not allowed for this PaymentIntent. Please "
                            + "attach a PaymentMethod of one of the following types: "
                            + String.join(", ", intent.paymentMethodTypes()) + ".");
        }
        // an ACH debit needs the customer's authorization (a mandate) when it is confirmed
        if (method.isBankAccount() && !mandate && !offSession) {
            throw StripeException.invalidRequest("parameter_missing", "mandate_data",
                    "A mandate is required to confirm this PaymentIntent with a us_bank_account PaymentMethod: "
                            + "provide mandate_data[customer_acceptance].");
        }
        var attempt = attempt(intent, method, offSession, returnUrl, request, at);
        if (attempt.error() != null) {
            throw StripeException.card(attempt.error(), attempt.intent());
        }
        return attempt.intent();
    }

    /** Completes 3D Secure for an intent waiting on it: the customer passed the challenge. */
    PaymentIntent authenticate(String id, ApiRequest request, long at) {
        var intent = state.paymentIntents.require(id, "intent");
        if (!intent.status().equals("requires_action")) {
            throw unexpectedState("authenticate", intent);
        }
        return succeed(intent, method(intent.paymentMethod(), "payment_method"), request, at);
    }

    /** Charges {@code method} for {@code intent} with the test card's outcome. */
    Attempt attempt(PaymentIntent intent, PaymentMethod method, boolean offSession, String returnUrl,
                    ApiRequest request, long at) {
        if (method.isBankAccount()) {
            return new Attempt(process(intent, method, request, at), null);
        }
        var card = cardOf(method);
        boolean authenticated = intent.status().equals("requires_action") && method.id().equals(intent.paymentMethod());
        if (authenticated || card.outcome() == TestCards.Outcome.SUCCEED) {
            return new Attempt(succeed(intent, method, request, at), null);
        }
        if (card.outcome() == TestCards.Outcome.REQUIRE_ACTION && !offSession) {
            var waiting = intent.requiresAction(method.id(), PaymentIntent.NextAction.redirect(authenticationUrl(intent), returnUrl));
            state.paymentIntents.put(waiting);
            events.publish("payment_intent.requires_action", waiting, request, at);
            listener.actionRequired(waiting, request, at);
            return new Attempt(waiting, null);
        }
        return decline(intent, method, card, request, at);
    }

    private PaymentIntent succeed(PaymentIntent intent, PaymentMethod method, ApiRequest request, long at) {
        String chargeId = Ids.next("ch");
        String txnId = Ids.next("txn");
        var charge = Charge.succeeded(chargeId, at, intent, method, txnId);
        state.balanceTransactions.put(BalanceTransaction.forCharge(txnId, at, charge));
        state.charges.put(charge);
        var succeeded = state.paymentIntents.put(intent.succeeded(method.id(), chargeId));
        events.publish("charge.succeeded", charge, request, at);
        events.publish("payment_intent.succeeded", succeeded, request, at);
        listener.succeeded(succeeded, request, at);
        if (!method.isBankAccount() && cardOf(method).disputeReason() != null) {
            disputes.open(charge, cardOf(method).disputeReason(), request, at);
        }
        return succeeded;
    }

    /** An ACH debit goes to the bank: processing until its settlement time on the gateway's clock. */
    private PaymentIntent process(PaymentIntent intent, PaymentMethod method, ApiRequest request, long at) {
        var charge = state.charges.put(Charge.pending(Ids.next("py"), at, intent, method));
        var processing = state.paymentIntents.put(intent.processing(method.id(), charge.id()));
        state.achSettlesAt.put(intent.id(), at + achSettlementSeconds);
        events.publish("charge.pending", charge, request, at);
        events.publish("payment_intent.processing", processing, request, at);
        return processing;
    }

    /** Settles every ACH debit whose time has come, oldest first; answers how many. */
    int settleDue(long now) {
        var due = state.achSettlesAt.entrySet().stream().filter(e -> e.getValue() <= now)
                .sorted(Map.Entry.comparingByValue()).toList();
        for (var entry : due) {
            state.achSettlesAt.remove(entry.getKey());
            settle(state.paymentIntents.require(entry.getKey(), "intent"), entry.getValue());
        }
        return due.size();
    }

    /** Settles one processing ACH debit now, whatever its settlement time (a sandbox control). */
    PaymentIntent settleNow(String intentId, long now) {
        var intent = state.paymentIntents.require(intentId, "intent");
        if (state.achSettlesAt.remove(intentId) == null) {
            throw StripeException.invalidRequest("payment_intent_unexpected_state", null,
                    "This PaymentIntent is not a processing ACH debit (status " + intent.status() + ").");
        }
        settle(intent, now);
        return state.paymentIntents.require(intentId, "intent");
    }

    private void settle(PaymentIntent intent, long at) {
        var charge = state.charges.require(intent.latestCharge(), "charge");
        var method = state.paymentMethods.require(intent.paymentMethod(), "payment_method");
        var account = state.bankAccountOfPaymentMethod.get(method.id());
        if (account.succeeds()) {
            String txnId = Ids.next("txn");
            var settled = state.charges.put(charge.settled(txnId));
            state.balanceTransactions.put(BalanceTransaction.forBankDebit(txnId, at, settled));
            var succeeded = state.paymentIntents.put(intent.succeeded(method.id(), charge.id()));
            events.publish("charge.succeeded", settled, ApiRequest.AUTOMATIC, at);
            events.publish("payment_intent.succeeded", succeeded, ApiRequest.AUTOMATIC, at);
            listener.succeeded(succeeded, ApiRequest.AUTOMATIC, at);
        } else {
            var error = account.error(charge.id()).withPaymentMethod(method);
            var returned = state.charges.put(charge.returned(error));
            var failed = state.paymentIntents.put(intent.failed(error, charge.id()));
            events.publish("charge.failed", returned, ApiRequest.AUTOMATIC, at);
            events.publish("payment_intent.payment_failed", failed, ApiRequest.AUTOMATIC, at);
            listener.failed(failed, ApiRequest.AUTOMATIC, at);
        }
    }

    private Attempt decline(PaymentIntent intent, PaymentMethod method, TestCards.TestCard card, ApiRequest request, long at) {
        String chargeId = Ids.next("ch");
        var error = card.error(chargeId).withPaymentMethod(method);
        var charge = state.charges.put(Charge.failed(chargeId, at, intent, method, error));
        var failed = state.paymentIntents.put(intent.failed(error, chargeId));
        events.publish("charge.failed", charge, request, at);
        events.publish("payment_intent.payment_failed", failed, request, at);
        listener.failed(failed, request, at);
        return new Attempt(failed, error);
    }

    private static String authenticationUrl(PaymentIntent intent) {
        if (RequestContextHolder.getRequestAttributes() == null) {
            return "/__sandbox/authenticate/" + intent.id();
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/__sandbox/authenticate/{id}")
                .buildAndExpand(intent.id()).toUriString();
    }

    PaymentIntent cancel(String id, FormParams params, ApiRequest request, long at) {
        params.allowOnly("cancellation_reason");
        var intent = state.paymentIntents.require(id, "intent");
        if (!intent.open()) {
            throw StripeException.invalidRequest("payment_intent_unexpected_state", null,
                    "You cannot cancel this PaymentIntent because it has a status of " + intent.status() + ". Only a "
                            + "PaymentIntent with one of the following statuses may be canceled: "
                            + "requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.");
        }
        var canceled = state.paymentIntents.put(intent.canceled(at, params.string("cancellation_reason")));
        events.publish("payment_intent.canceled", canceled, request, at);
        return canceled;
    }

    private static StripeException unexpectedState(String action, PaymentIntent intent) {
        return StripeException.invalidRequest("payment_intent_unexpected_state", null,
                "You cannot " + action + " this PaymentIntent because it has a status of " + intent.status() + ".");
    }

    // ---- refunds --------------------------------------------------------------------------

    Refund refund(FormParams params, ApiRequest request, long at) {
        params.allowOnly("payment_intent", "charge", "amount", "reason", "metadata", "instructions_email");
        String intentId = params.string("payment_intent");
        String chargeId = params.string("charge");
        if ((intentId == null) == (chargeId == null)) {
            throw StripeException.invalidRequest("parameter_missing", null,
                    "One of the following params should be provided for this request: payment_intent or charge.");
        }
        if (intentId != null) {
            var intent = state.paymentIntents.require(intentId, "payment_intent");
            if (!intent.status().equals("succeeded")) {
                throw StripeException.invalidRequest("charge_not_refundable", "payment_intent",
                        "This PaymentIntent (" + intentId + ") does not have a successful charge to refund.");
            }
            chargeId = intent.latestCharge();
        }
        var charge = state.charges.require(chargeId, "charge");
        if (!charge.status().equals("succeeded")) {
            throw StripeException.invalidRequest("charge_not_refundable", "charge",
                    "Charge " + chargeId + " has not succeeded and cannot be refunded.");
        }
        if (charge.disputed()) {
            throw StripeException.invalidRequest("charge_disputed", "charge",
                    "Charge " + chargeId + " has been charged back; cannot issue a refund.");
        }
        if (charge.refunded()) {
            throw StripeException.invalidRequest("charge_already_refunded", null,
                    "Charge " + chargeId + " has already been refunded.");
        }
        long amount = params.integer("amount") == null ? charge.refundable() : params.integer("amount");
        if (amount <= 0) {
            throw StripeException.invalidRequest("parameter_invalid_integer", "amount",
                    "Invalid positive integer");
        }
        if (amount > charge.refundable()) {
            throw StripeException.invalidRequest("amount_too_large", "amount", String.format(
                    "Refund amount ($%.2f) is greater than unrefunded amount on charge ($%.2f)",
                    amount / 100.0, charge.refundable() / 100.0));
        }
        String reason = params.string("reason");
        if (reason != null && !REFUND_REASONS.contains(reason)) {
            throw StripeException.invalidRequest("parameter_invalid_string", "reason",
                    "Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer");
        }
        String txnId = Ids.next("txn");
        var refund = new Refund(Ids.next("re"), "refund", amount, txnId, charge.id(), at, charge.currency(),
                params.metadata(Map.of()), charge.paymentIntent(), reason, "succeeded");
        state.balanceTransactions.put(BalanceTransaction.forRefund(txnId, at, refund));
        state.refunds.put(refund);
        var refunded = state.charges.put(charge.refund(amount));
        events.publish("refund.created", refund, request, at);
        events.publish("charge.refunded", refunded, charge, request, at);
        return refund;
    }
}
