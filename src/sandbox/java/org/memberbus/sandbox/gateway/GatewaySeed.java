package org.memberbus.sandbox.gateway;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memberbus.sandbox.demo.Grade;
import org.memberbus.sandbox.demo.Standing;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;

/**
 * Fills the gateway with the demo association's payment history, deterministically, without
 * events (it is history): a customer per member (id {@code gatewayCustomerId}); each member's last
 * dues payment ({@code pi_SBXdues<memberNumber>}, succeeded, metadata {@code type=dues}); a yearly
 * dues subscription for every third active member ({@code sub_SBXdues<memberNumber>}, renewing at
 * the membership's end date), whose card is declined at renewal for members whose number is a
 * multiple of 30; and a monthly donation subscription for active members numbered 1, 51, 101, ...
 * ({@code sub_SBXdon<memberNumber>}).
 */
final class GatewaySeed {

    static final String DUES_PRODUCT = "prod_membership_dues";
    static final String DONATION_PRODUCT = "prod_donation";
    static final String DECLINING_CARD = "pm_card_chargeDeclinedInsufficientFunds";

    private final GatewayState state;
    private final LocalDate today;

    private GatewaySeed(GatewayState state, LocalDate today) {
        this.state = state;
        this.today = today;
    }

    static void seed(GatewayState state, DemoAssociation association) {
        new GatewaySeed(state, association.today()).seed(association.members());
    }

    static String duesPrice(Grade level) {
        return "price_dues_" + level.name().toLowerCase();
    }

    static boolean hasDuesSubscription(DemoMember member) {
        return member.status() == Standing.ACTIVE && member.number() % 3 == 0;
    }

    static boolean hasDonationSubscription(DemoMember member) {
        return member.status() == Standing.ACTIVE && member.number() % 50 == 1;
    }

    private static long noon(LocalDate date) {
        return date.atTime(12, 0).toEpochSecond(ZoneOffset.UTC);
    }

    private void seed(List<DemoMember> members) {
        long catalogueDate = noon(today.minusYears(13));
        state.products.put(Product.create(DUES_PRODUCT, catalogueDate, "Membership dues", "Annual membership dues", Map.of()));
        state.products.put(Product.create(DONATION_PRODUCT, catalogueDate, "Donation", "Donation to the association", Map.of()));
        for (var level : Grade.values()) {
            long amount = switch (level) {
                case STUDENT -> 5000;
                case ASSOCIATE -> 15000;
                case PROFESSIONAL -> 29500;
                case FELLOW -> 39500;
            };
            state.prices.put(Price.create(duesPrice(level), catalogueDate, "usd", amount, DUES_PRODUCT,
                    Price.Recurring.every(1, "year"), capitalized(level) + " dues",
                    "dues_" + level.name().toLowerCase(), Map.of("level", level.name())));
        }
        for (long amount : new long[] {1000, 2500}) {
            state.prices.put(Price.create("price_donation_monthly_" + amount / 100, catalogueDate, "usd", amount,
                    DONATION_PRODUCT, Price.Recurring.every(1, "month"), "Monthly donation $" + amount / 100,
                    "donation_monthly_" + amount / 100, Map.of()));
        }
        for (var member : members) {
            seed(member);
        }
    }

    private void seed(DemoMember m) {
        String method = hasDuesSubscription(m) && m.number() % 30 == 0 ? DECLINING_CARD : "pm_card_visa";
        var metadata = new LinkedHashMap<String, String>();
        metadata.put("crm_contact_id", m.crmContactId());
        metadata.put("member_number", m.memberNumber());
        var customer = state.customers.put(Customer.create(m.gatewayCustomerId(), noon(m.memberSince()), m.email(),
                m.firstName() + " " + m.lastName(), m.phone(), null, Map.copyOf(metadata),
                hasDuesSubscription(m) || hasDonationSubscription(m) ? method : null));

        var dues = new LinkedHashMap<>(metadata);
        dues.put("membership_id", m.membershipId());
        dues.put("type", "dues");
        dues.put("level", m.level().name());
        var duesPayment = payment("SBXdues" + m.memberNumber(), customer, m.dues().movePointRight(2).longValueExact(),
                "Membership dues " + capitalized(m.level()) + " " + m.startDate() + " to " + m.endDate(),
                dues, noon(m.startDate()));
        if (hasDuesSubscription(m)) {
            var subMetadata = new LinkedHashMap<>(metadata);
            subMetadata.put("membership_id", m.membershipId());
            subMetadata.put("type", "dues");
            subscription("SBXdues" + m.memberNumber(), customer, state.prices.get(duesPrice(m.level())),
                    noon(m.startDate()), subMetadata, duesPayment, 1);
        }
        if (hasDonationSubscription(m)) {
            var price = state.prices.get("price_donation_monthly_" + (m.number() % 100 < 50 ? 10 : 25));
            var donation = new LinkedHashMap<>(metadata);
            donation.put("type", "donation");
            donation.put("campaign", "General fund");
            long start = noon(today.minusDays(m.number() % 28));
            var payment = payment("SBXdon" + m.memberNumber(), customer, price.unitAmount(), "Subscription update",
                    donation, start);
            subscription("SBXdon" + m.memberNumber(), customer, price, start, donation, payment,
                    hasDuesSubscription(m) ? 2 : 1);
        }
    }

    /** A succeeded payment intent with its charge and balance transaction. */
    private PaymentIntent payment(String key, Customer customer, long amount, String description,
                                  Map<String, String> metadata, long at) {
        var method = TestCards.byName("pm_card_visa").map(c -> PaymentMethod.card("pm_card_visa", 0, c.card(),
                PaymentMethod.BillingDetails.EMPTY, Map.of())).orElseThrow();
        var intent = PaymentIntent.create("pi_" + key, at, amount, "usd", customer.id(), description,
                Map.copyOf(metadata), method.id(), customer.email(), null, null, List.of("card"));
        var charge = Charge.succeeded("ch_" + key, at, intent, method, "txn_" + key);
        state.charges.put(charge);
        state.balanceTransactions.put(BalanceTransaction.forCharge("txn_" + key, at, charge));
        return state.paymentIntents.put(intent.succeeded(method.id(), charge.id()));
    }

    private void subscription(String key, Customer customer, Price price, long start, Map<String, String> metadata,
                              PaymentIntent payment, int invoiceNumber) {
        String id = "sub_" + key;
        long end = price.recurring().periodEnd(start);
        var item = new Subscription.Item("si_" + key, "subscription_item", start, end, start, Map.of(), price, 1, id);
        var subscription = Subscription.create(id, start, customer.id(), List.of(item), null, null,
                Map.copyOf(metadata), "in_" + key).withStatus("active", "in_" + key);
        state.subscriptions.put(subscription);
        var invoice = Invoice.forSubscription("in_" + key, subscription, customer, "subscription_cycle", start, start,
                start, start, end, customer.invoicePrefix() + String.format("-%04d", invoiceNumber),
                productId -> state.products.get(productId).name()).paid(start);
        state.invoices.put(invoice);
        state.invoicePayments.put(InvoicePayment.open("inpay_" + key, start, invoice, payment.id()).paid(start));
        state.invoiceOfIntent.put(payment.id(), invoice.id());
    }

    private static String capitalized(Grade level) {
        String name = level.name().toLowerCase();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
