package org.memberbus.finance.events;

import java.time.LocalDate;

/**
 * One ticket type's prices in the currency's minor units (cents): the member and non-member rates,
 * and the early-bird rates that apply up to and including {@code earlyBirdUntil} (null: none).
 */
public record TicketPrice(long member, long nonMember, LocalDate earlyBirdUntil, Long earlyBirdMember,
                          Long earlyBirdNonMember) {

    public TicketPrice {
        if (member < 0 || nonMember < 0 || (earlyBirdMember != null && earlyBirdMember < 0)
                || (earlyBirdNonMember != null && earlyBirdNonMember < 0)) {
            throw new IllegalArgumentException("a ticket price is negative");
        }
    }

    /** Without an early-bird rate. */
    public static TicketPrice of(long member, long nonMember) {
        return new TicketPrice(member, nonMember, null, null, null);
    }
}
