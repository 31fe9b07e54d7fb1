package org.memberbus.infra;

/**
 * A message no retry can fix (a fact missing what its consumer needs): the consumer error handling
 * (routeConfiguration {@code consumer}) dead-letters it at once, with this reason, instead of
 * retrying it and holding up the member's later events.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String reason) {
        super(reason);
    }
}
