package org.memberbus.inbound;

/** What every partner's webhook event has for the bus: its id, its type, and whose it is. */
public interface InboundEvent {

    /** The partner's event id: the de-duplication key. */
    String id();

    String type();

    /** The Kafka key that keeps one member's events in order. */
    String memberKey();
}
