package org.memberbus.sandbox.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Everything the gateway holds, in memory. Reads go straight to the stores; every change runs through
 * {@link #locked} so that an operation and the events it publishes are seen whole, in order.
 */
final class GatewayState {

    private final Object lock = new Object();

    final ObjectStore<Customer> customers = new ObjectStore<>("customer");
    final ObjectStore<PaymentMethod> paymentMethods = new ObjectStore<>("PaymentMethod");
    final ObjectStore<PaymentIntent> paymentIntents = new ObjectStore<>("payment_intent");
    final ObjectStore<Charge> charges = new ObjectStore<>("charge");
    final ObjectStore<Refund> refunds = new ObjectStore<>("refund");
    final ObjectStore<Dispute> disputes = new ObjectStore<>("dispute");
    final ObjectStore<BalanceTransaction> balanceTransactions = new ObjectStore<>("balance_transaction");
    final ObjectStore<Product> products = new ObjectStore<>("product");
    final ObjectStore<Price> prices = new ObjectStore<>("price");
    final ObjectStore<Subscription> subscriptions = new ObjectStore<>("subscription");
    final ObjectStore<Invoice> invoices = new ObjectStore<>("invoice");
    final ObjectStore<InvoicePayment> invoicePayments = new ObjectStore<>("invoice_payment");
    final ObjectStore<Event> events = new ObjectStore<>("event");
    final ObjectStore<WebhookEndpoint> webhookEndpoints = new ObjectStore<>("webhook_endpoint");

    /** Payment intent id → the invoice it pays (basil payment intents no longer say so themselves). */
    final Map<String, String> invoiceOfIntent = new ConcurrentHashMap<>();
    /** Card number behind a payment method created from raw card details (never shown). */
    final Map<String, TestCards.TestCard> cardOfPaymentMethod = new ConcurrentHashMap<>();
    /** Test bank account behind a us_bank_account payment method (its outcome; never shown). */
    final Map<String, TestBankAccounts.TestBankAccount> bankAccountOfPaymentMethod = new ConcurrentHashMap<>();
    /** Processing ACH payment intent id → when it settles, in unix seconds on the gateway's clock. */
    final Map<String, Long> achSettlesAt = new ConcurrentHashMap<>();

    /** Runs a change, and the events it publishes, alone. */
    <T> T locked(Supplier<T> change) {
        synchronized (lock) {
            return change.get();
        }
    }
}
