package org.memberbus.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The model the hand-worked tests use: the shipped config/health-model.yaml as first written, kept
 * here so that staff may tune the shipped file without breaking the arithmetic in the tests.
 * Weights add up to 100, so a signal's points are weight × normalised while none is skipped.
 */
final class TestModel {

    static final String YAML = """
version: "test-1"

signals:
  - name: days_since_login
    description: days since the member last signed in to the community
    weight: 20
    normalise: {kind: linear, min: 0, max: 90, invert: true}
    missing: zero                 # never signed in
  - name: posts_90d
    description: posts and replies in the community in the last 90 days
    weight: 15
    normalise: {kind: linear, min: 0, max: 10}
    missing: zero
  - name: events_12m
    description: events attended in the last 12 months
    weight: 15
    normalise:
      kind: thresholds
      steps: [{from: 0, value: 0.0}, {from: 1, value: 0.5}, {from: 2, value: 0.75}, {from: 3, value: 1.0}]
    missing: zero
  - name: ce_credits
    description: CE credits earned in the current cycle, against the certification's requirement
    weight: 15
    normalise: {kind: ratio, requirement-from: ce_credits_required}
    missing: skip                 # not certified: nothing to earn
  - name: content_views_90d
    description: library and journal items viewed in the last 90 days
    weight: 5
    normalise: {kind: linear, min: 0, max: 20}
    missing: zero
  - name: dues_paid_on_time
    description: the last dues invoice was paid by its due date (1 yes, 0 no)
    weight: 15
    normalise: {kind: boolean}
    missing: neutral
  - name: tenure_years
    description: years of continuous membership
    weight: 10
    normalise: {kind: linear, min: 0, max: 5}
    missing: neutral
  - name: open_issues
    description: support cases and refund requests open or raised in the last 90 days
    weight: 5
    normalise:
      kind: thresholds
      steps: [{from: 0, value: 1.0}, {from: 1, value: 0.5}, {from: 3, value: 0.0}]
    missing: neutral

# Whole scores, min and max included. Together they must cover 0..100, each score exactly once,
# with healthy above watch above at_risk.
bands:
  - {name: healthy, min: 70, max: 100}
  - {name: watch,   min: 40, max: 69}
  - {name: at_risk, min: 0,  max: 39}

trend:
  window-days: 30                 # compare with the member's score of this many days ago
  flat-threshold: 3               # a change of at most this many points either way is "flat"

# The level an upgrade (expansion) campaign offers from each membership level; a level not listed
# (the top, FELLOW) gets no offer.
upgrades:
  STUDENT: ASSOCIATE
  ASSOCIATE: PROFESSIONAL
  PROFESSIONAL: FELLOW

# Each rule fires once per transition, never again on a re-score that changes nothing: the decision
# compares the previous result with the new one. Leave a rule out to switch it off.
triggers:
  retention:                      # the band drops INTO at_risk (a first score at_risk counts too)
    campaign: member-retention
    task:                         # CRM follow-up task for the member's relationship owner
      subject: "Member health dropped to at risk: call the member"
      due-in-days: 3
  expansion:                      # the member becomes eligible: healthy, score ≥ min-score, a renewal
    campaign: membership-upgrade  # within renewal-within-days, and an upgrade from their level
    min-score: 80
    renewal-within-days: 60
  renewal-risk-change:            # the band changes while a renewal falls within renewal-within-days
    event: renewal_risk_change
    renewal-within-days: 90

# GET /api/v1/cs-sales/expansion/{member_id}
#   readiness = 100 × Σ(weight × factor) / Σ weight, rounded half up, where a factor is
#   `health_score` (the score / 100) or a signal's normalised value (a skipped signal counts 0).
expansion:
  ready-at: 70                    # ready when readiness ≥ this and the level has an upgrade
  factors:
    - {factor: health_score, weight: 40}
    - {factor: events_12m,   weight: 20}
    - {factor: ce_credits,   weight: 15}
    - {factor: posts_90d,    weight: 15}
    - {factor: tenure_years, weight: 10}

# GET /api/v1/cs-sales/renewal/risk/{membership_id}
#   probability = at-score-0 + (at-score-100 − at-score-0) × score / 100
#               + per-prior-renewal × min(prior renewals, max-prior-renewals)
#               + per-prior-lapse × prior lapses
#               + trend-up or trend-down, when the health trend is up or down
#   kept within [floor, ceiling] and rounded half up to 0.01.
renewal:
  at-score-0: 0.30
  at-score-100: 0.95
  per-prior-renewal: 0.02
  max-prior-renewals: 5
  per-prior-lapse: -0.10
  trend-up: 0.02
  trend-down: -0.05
  floor: 0.02
  ceiling: 0.99
  playbooks:                      # the first whose min-probability the forecast reaches; the last must be 0
    - name: standard-renewal
      min-probability: 0.80
      description: automated renewal reminders
    - name: value-review
      min-probability: 0.60
      description: the relationship owner reviews the member's benefits used, events and CE progress with them
    - name: save-plan
      min-probability: 0.0
      description: a personal call from the relationship owner within a week; offer a payment plan or a level that fits
""";

    private TestModel() {}

    /** The fixture with one piece of text replaced, which must occur in it exactly once. */
    static String with(String from, String to) {
        assertEquals(1, YAML.split(java.util.regex.Pattern.quote(from), -1).length - 1, "fixture text: " + from);
        return YAML.replace(from, to);
    }

    static HealthModel model() {
        return model(YAML);
    }

    static HealthModel model(String yaml) {
        HealthModelLoader.Loaded loaded = HealthModelLoader.parse(yaml);
        assertEquals(java.util.List.of(), loaded.errors());
        return loaded.model();
    }

    static HealthEngine engine() {
        return HealthEngine.of(model());
    }
}
