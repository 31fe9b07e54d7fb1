package org.memberbus.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** One line that says what is missing, instead of a page of bean-creation errors. */
class NoUsersFailureAnalyzer extends AbstractFailureAnalyzer<NoUsersException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, NoUsersException cause) {
        return new FailureAnalysis(cause.getMessage() + ".",
                "Configure users (see README, 'Users and roles'); the demo user exists only in the sandbox profile.",
                cause);
    }
}
