package org.memberbus.infra;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.util.PlaceholderResolutionException;

/**
 * Production reads every address and credential from the environment. When one is missing,
 * start-up stops with one line that names the variable, not a page of bean-creation errors.
 */
class MissingSettingFailureAnalyzer extends AbstractFailureAnalyzer<PlaceholderResolutionException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, PlaceholderResolutionException cause) {
        var name = cause.getPlaceholder();
        return new FailureAnalysis(
                "Missing required setting: environment variable " + name + " is not set.",
                "Set " + name + " (see README, 'Running in production') and start again.",
                cause);
    }
}
