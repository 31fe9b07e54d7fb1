package org.memberbus.sync;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Wrong sync rules stop start-up with their one line, not a page of bean-creation errors.
 * Spring Boot finds it through META-INF/spring.factories (FailureAnalyzer list).
 */
class SyncRulesFailureAnalyzer extends AbstractFailureAnalyzer<SyncRulesException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, SyncRulesException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the sync rules (see the comments at the top of config/sync-rules.yaml) and start again.", cause);
    }
}
