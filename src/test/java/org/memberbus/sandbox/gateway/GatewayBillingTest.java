package org.memberbus.sandbox.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.InvoicePaymentListParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionUpdateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.memberbus.sandbox.SimulatorHost;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Subscriptions for dues and donations, renewed by moving the gateway's clock. */
class GatewayBillingTest {

    static SimulatorHost host;
    static StripeClient stripe;
    static String base;
    static String yearlyDues;
    static String product;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws StripeException {
        var env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of("sandbox.gateway.seed", "false")));
        host = SimulatorHost.start(GatewaySimulator.NAME, 0, env, GatewaySimulator.class);
        base = "http://127.0.0.1:" + host.port();
        stripe = StripeClient.builder().setApiKey("sk_test_sandbox").setApiBase(base).setMaxNetworkRetries(0).build();
        product = stripe.v1().products().create(ProductCreateParams.builder().setName("Membership dues").build()).getId();
        yearlyDues = stripe.v1().prices().create(PriceCreateParams.builder().setCurrency("usd").setUnitAmount(29500L)
                .setProduct(product).setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.YEAR).build()).build()).getId();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static String member(String name, String card) throws StripeException {
        return stripe.v1().customers().create(CustomerCreateParams.builder().setName(name)
                .setEmail(name.toLowerCase() + "@example.org")
                .setInvoiceSettings(CustomerCreateParams.InvoiceSettings.builder().setDefaultPaymentMethod(card).build())
                .build()).getId();
    }

    private static Subscription dues(String customer) throws StripeException {
        return stripe.v1().subscriptions().create(SubscriptionCreateParams.builder().setCustomer(customer)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice(yearlyDues).build())
                .putMetadata("type", "dues").putMetadata("crm_contact_id", "003TEST" + customer).build());
    }

    /** Moves the gateway's clock to {@code seconds} after the current period of {@code subscription} ends. */
    private static void advancePast(String subscription, long seconds) throws Exception {
        long end = stripe.v1().subscriptions().retrieve(subscription).getItems().getData().get(0).getCurrentPeriodEnd();
        long now = json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/__sandbox/clock")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("now").asLong();
        advance(Math.max(0, end - now) + seconds);
    }

    private static void advance(long seconds) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(base + "/__sandbox/advance"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"seconds\":" + seconds + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static List<Invoice> invoices(String subscription) throws StripeException {
        return stripe.v1().invoices().list(InvoiceListParams.builder().setSubscription(subscription).build()).getData()
                .stream().sorted(Comparator.comparing(Invoice::getCreated)).toList();
    }

    @Test
    void aSubscriptionIsPaidAtOnceAndRenewedWhenItsPeriodEnds() throws Exception {
        var subscription = dues(member("Ada", "pm_card_visa"));
        assertThat(subscription.getStatus()).isEqualTo("active");
        var first = stripe.v1().invoices().retrieve(subscription.getLatestInvoice());
        assertThat(first.getStatus()).isEqualTo("paid");
        assertThat(first.getBillingReason()).isEqualTo("subscription_create");
        assertThat(first.getAmountPaid()).isEqualTo(29500);
        assertThat(first.getParent().getSubscriptionDetails().getSubscription()).isEqualTo(subscription.getId());
        assertThat(first.getParent().getSubscriptionDetails().getMetadata()).containsEntry("type", "dues");
        var payment = stripe.v1().invoicePayments().list(InvoicePaymentListParams.builder().setInvoice(first.getId())
                .build()).getData().get(0);
        assertThat(stripe.v1().paymentIntents().retrieve(payment.getPayment().getPaymentIntent()).getStatus())
                .isEqualTo("succeeded");

        long periodEnd = subscription.getItems().getData().get(0).getCurrentPeriodEnd();
        advancePast(subscription.getId(), 3600);

        var renewed = stripe.v1().subscriptions().retrieve(subscription.getId());
        assertThat(renewed.getStatus()).isEqualTo("active");
        assertThat(renewed.getItems().getData().get(0).getCurrentPeriodStart()).isEqualTo(periodEnd);
        var cycle = invoices(subscription.getId());
        assertThat(cycle).hasSize(2);
        assertThat(cycle.get(1).getBillingReason()).isEqualTo("subscription_cycle");
        assertThat(cycle.get(1).getStatus()).isEqualTo("paid");
        assertThat(cycle.get(1).getLines().getData().get(0).getPeriod().getStart()).isEqualTo(periodEnd);
        var paidEvents = stripe.v1().events().list(EventListParams.builder().setType("invoice.paid").setLimit(100L).build());
        assertThat(paidEvents.getData()).extracting(e -> ((Invoice) e.getDataObjectDeserializer().getObject().orElseThrow()).getId())
                .contains(cycle.get(0).getId(), cycle.get(1).getId());
    }

    @Test
    void aDeclinedRenewalIsRetriedWithTheNewDefaultCard() throws Exception {
        String customer = member("Grace", "pm_card_visa");
        var subscription = dues(customer);
        stripe.v1().customers().update(customer, CustomerUpdateParams.builder().setInvoiceSettings(
                CustomerUpdateParams.InvoiceSettings.builder().setDefaultPaymentMethod("pm_card_chargeDeclined").build()).build());

        advancePast(subscription.getId(), 60);
        assertThat(stripe.v1().subscriptions().retrieve(subscription.getId()).getStatus()).isEqualTo("past_due");
        var open = invoices(subscription.getId()).get(1);
        assertThat(open.getStatus()).isEqualTo("open");
        assertThat(open.getAttemptCount()).isEqualTo(1);
        assertThat(open.getNextPaymentAttempt()).isEqualTo(open.getCreated() + 3 * 86_400);
        var failures = stripe.v1().events().list(EventListParams.builder().setType("invoice.payment_failed").build());
        assertThat(failures.getData()).extracting(e -> ((Invoice) e.getDataObjectDeserializer().getObject().orElseThrow()).getId())
                .contains(open.getId());

        stripe.v1().customers().update(customer, CustomerUpdateParams.builder().setInvoiceSettings(
                CustomerUpdateParams.InvoiceSettings.builder().setDefaultPaymentMethod("pm_card_visa").build()).build());
        advance(3 * 86_400);

        assertThat(stripe.v1().invoices().retrieve(open.getId()).getStatus()).isEqualTo("paid");
        assertThat(stripe.v1().subscriptions().retrieve(subscription.getId()).getStatus()).isEqualTo("active");
    }

    @Test
    void aSubscriptionSetToCancelAtPeriodEndEndsThen() throws Exception {
        var subscription = dues(member("Alan", "pm_card_visa"));
        var updated = stripe.v1().subscriptions().update(subscription.getId(),
                SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build());
        assertThat(updated.getCancelAtPeriodEnd()).isTrue();

        advancePast(subscription.getId(), 60);

        var ended = stripe.v1().subscriptions().retrieve(subscription.getId());
        assertThat(ended.getStatus()).isEqualTo("canceled");
        assertThat(ended.getCancellationDetails().getReason()).isEqualTo("cancellation_requested");
        assertThat(invoices(subscription.getId())).hasSize(1);
        var deleted = stripe.v1().events().list(EventListParams.builder().setType("customer.subscription.deleted").build());
        assertThat(deleted.getData()).extracting(e -> ((Subscription) e.getDataObjectDeserializer().getObject().orElseThrow()).getId())
                .contains(subscription.getId());
    }

    @Test
    void aMonthlyDonationWithPriceDataIsCanceledAtOnce() throws StripeException {
        var donation = stripe.v1().subscriptions().create(SubscriptionCreateParams.builder()
                .setCustomer(member("Edsger", "pm_card_visa"))
                .addItem(SubscriptionCreateParams.Item.builder().setPriceData(SubscriptionCreateParams.Item.PriceData.builder()
                        .setCurrency("usd").setProduct(product).setUnitAmount(2500L)
                        .setRecurring(SubscriptionCreateParams.Item.PriceData.Recurring.builder()
                                .setInterval(SubscriptionCreateParams.Item.PriceData.Recurring.Interval.MONTH).build())
                        .build()).build())
                .putMetadata("type", "donation").build());
        assertThat(donation.getStatus()).isEqualTo("active");
        assertThat(donation.getItems().getData().get(0).getPrice().getRecurring().getInterval()).isEqualTo("month");

        var canceled = stripe.v1().subscriptions().cancel(donation.getId());
        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(canceled.getCanceledAt()).isNotNull();
    }

    @Test
    void aDeclinedFirstPaymentLeavesTheSubscriptionIncomplete() throws StripeException {
        var subscription = dues(member("Barbara", "pm_card_chargeDeclined"));
        assertThat(subscription.getStatus()).isEqualTo("incomplete");
        var invoice = stripe.v1().invoices().retrieve(subscription.getLatestInvoice());
        assertThat(invoice.getStatus()).isEqualTo("open");
        assertThat(invoice.getNextPaymentAttempt()).isNull();
    }
}
