package org.memberbus.finance.donations;

/**
 * A donation the gateway reports: a one-off payment intent ({@code metadata.purpose=donation}) or
 * one charge of a recurring donation (a subscription's paid invoice, its subscription's metadata
 * saying {@code purpose=donation}). {@code paymentId} (the intent's or the invoice's id) keys the
 * CRM's Payment__c, so each charge is one record however often its event comes. The campaign and
 * the donor are optional: an anonymous gift or one to the general fund is still money received.
 */
public record Donation(String paymentId, String eventId, String contactId, String campaignId, long amount,
                       String currency, long paidAt, String email, String method, String subscriptionId) {

    /** Whether the metadata named a campaign (checked against the CRM before it is linked). */
    public boolean hasCampaign() {
        return campaignId != null;
    }
}
