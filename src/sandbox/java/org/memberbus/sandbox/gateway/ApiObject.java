package org.memberbus.sandbox.gateway;

/** What every stored Stripe object has: an id, and a creation time that orders lists. */
interface ApiObject {

    String id();

    long created();
}
