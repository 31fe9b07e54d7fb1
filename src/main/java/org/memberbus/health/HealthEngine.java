package org.memberbus.health;

/** Everything computed from one validated model, swapped as a whole on reload. */
record HealthEngine(HealthModel model, HealthScorer scorer, TriggerRules triggers,
                    ExpansionAssessor expansion, RenewalForecaster renewal) {

    static HealthEngine of(HealthModel model) {
        return new HealthEngine(model, new HealthScorer(model), new TriggerRules(model),
                new ExpansionAssessor(model), new RenewalForecaster(model));
    }
}
