package org.memberbus.infra;

/**
 * A start-up check found the bus's surroundings unfit to run (a setting missing for the chosen
 * mode, a Kafka topic absent, a queue without a dead-letter address). Start-up stops with the
 * message as one line and the action, as a missing environment variable does.
 */
public class StartupCheckException extends RuntimeException {

    private final String action;

    public StartupCheckException(String problem, String action) {
        super(problem);
        this.action = action;
    }

    public StartupCheckException(String problem, String action, Throwable cause) {
        super(problem, cause);
        this.action = action;
    }

    /** A setting that must be set in this mode. */
    static StartupCheckException missing(String variable, String because) {
        return new StartupCheckException(
                "Missing required setting: environment variable " + variable + " is not set (" + because + ").",
                "Set " + variable + " (see README, 'Running in production') and start again.");
    }

    String action() {
        return action;
    }
}
