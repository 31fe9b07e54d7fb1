package org.memberbus.sync;

/** sync-rules.yaml is missing or wrong; the message is the one line start-up stops with. */
class SyncRulesException extends IllegalStateException {

    SyncRulesException(String message) {
        super(message);
    }

    SyncRulesException(String message, Throwable cause) {
        super(message, cause);
    }
}
