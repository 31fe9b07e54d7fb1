package org.memberbus.member;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The canonical member: what every flow of the bus reads and writes, whatever system it came from. */
public record Member(@NotNull @Valid Contact contact, @Valid Membership membership, @Valid CommunityAccount community) {}
