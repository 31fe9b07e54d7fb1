package org.memberbus.member.reconcile;

import org.memberbus.member.MemberCommands.Command;

/** A command for a partner sink's queue, and the member whose message group it goes in. */
public record MemberCommand(String memberId, Command command) {}
