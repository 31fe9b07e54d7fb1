package org.memberbus.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each mistake a person editing health-model.yaml may make is refused, saying where and what. */
class HealthModelLoaderTest {

    @Test
    void theShippedModelIsValid() throws Exception {
        HealthModelLoader.Loaded loaded = HealthModelLoader.parse(Files.readString(Path.of("config/health-model.yaml")));
        assertEquals(List.of(), loaded.errors());
        assertTrue(loaded.model().version().length() > 0);
    }

    @Test
    void theFixtureIsValid() {
        assertEquals("test-1", TestModel.model().version());
    }

    @Test
    void negativeWeight() {
        refused(TestModel.with("weight: 15\n    normalise: {kind: linear, min: 0, max: 10}",
                        "weight: -5\n    normalise: {kind: linear, min: 0, max: 10}"),
                "signals[1] (posts_90d).weight: must not be below 0 (got -5)");
    }

    @Test
    void overlappingBands() {
        refused(TestModel.with("{name: healthy, min: 70, max: 100}", "{name: healthy, min: 65, max: 100}"),
                "bands: healthy (65-100) and watch (40-69) overlap on 65-69");
    }

    @Test
    void aGapBetweenBands() {
        refused(TestModel.with("{name: healthy, min: 70, max: 100}", "{name: healthy, min: 75, max: 100}"),
                "bands: no band covers 70-74");
    }

    @Test
    void aMissingBand() {
        refused(TestModel.with("  - {name: watch,   min: 40, max: 69}\n", ""),
                "bands: watch is missing");
    }

    @Test
    void anUnknownBand() {
        refused(TestModel.with("name: watch,", "name: fine,"),
                "bands[1] (fine).name: unknown band 'fine'; expected healthy, watch or at_risk",
                "bands: watch is missing");
    }

    @Test
    void bandsInTheWrongOrder() {
        String swapped = TestModel.with("{name: healthy, min: 70, max: 100}", "{name: healthy, min: 0, max: 39}")
                .replace("{name: at_risk, min: 0,  max: 39}", "{name: at_risk, min: 70, max: 100}");
        refused(swapped,
                "bands: healthy must lie above watch, and watch above at_risk");
    }

    @Test
    void aBandThresholdOutOfRange() {
        refused(TestModel.with("{name: healthy, min: 70, max: 100}", "{name: healthy, min: 70, max: 120}"),
                "bands[0] (healthy).max: must be between 0 and 100 (got 120)");
    }

    @Test
    void aFractionalBandThreshold() {
        refused(TestModel.with("{name: healthy, min: 70, max: 100}", "{name: healthy, min: 69.5, max: 100}"),
                "bands[0].min: must be a whole number (got '69.5')");
    }

    @Test
    void anUnknownNormalisation() {
        refused(TestModel.with("normalise: {kind: linear, min: 0, max: 20}", "normalise: {kind: log, min: 0, max: 20}"),
                "signals[4] (content_views_90d).normalise.kind: unknown kind 'log'; expected one of [linear, ratio, thresholds, boolean]");
    }

    @Test
    void aStepValueOutOfRange() {
        refused(TestModel.with("{from: 3, value: 1.0}]", "{from: 3, value: 1.5}]"),
                "signals[2] (events_12m).normalise.steps[3].value: must be between 0 and 1 (got 1.5)");
    }

    @Test
    void stepsOutOfOrder() {
        refused(TestModel.with("{from: 2, value: 0.75}", "{from: 0.5, value: 0.75}"),
                "signals[2] (events_12m).normalise.steps[2].from: must be above the previous step's from (1)");
    }

    @Test
    void linearMinNotBelowMax() {
        refused(TestModel.with("{kind: linear, min: 0, max: 90, invert: true}", "{kind: linear, min: 90, max: 0}"),
                "signals[0] (days_since_login).normalise: min (90) must be below max (0); use invert: true to turn it round");
    }

    @Test
    void aFieldThatDoesNotApplyToTheKind() {
        refused(TestModel.with("{kind: linear, min: 0, max: 10}", "{kind: linear, min: 0, max: 10, requirement: 4}"),
                "signals[1] (posts_90d).normalise.requirement: does not apply to kind linear");
    }

    @Test
    void aRatioWithoutARequirement() {
        refused(TestModel.with("{kind: ratio, requirement-from: ce_credits_required}", "{kind: ratio}"),
                "signals[3] (ce_credits).normalise: a ratio needs requirement: or requirement-from:");
    }

    @Test
    void anUnknownMissingRule() {
        refused(TestModel.with("missing: skip ", "missing: ignore "),
                "signals[3] (ce_credits).missing: unknown rule 'ignore'; expected one of [neutral, zero, skip]");
    }

    @Test
    void aDuplicateSignal() {
        refused(TestModel.with("- name: posts_90d", "- name: days_since_login"),
                "signals[1] (days_since_login).name: another signal already has this name",
                "expansion.factors[3].factor: 'posts_90d' is neither health_score nor a signal");
    }

    @Test
    void allWeightsZero() {
        String yaml = TestModel.YAML.replaceAll("weight: \\d+\n", "weight: 0\n");
        refused(yaml, "signals: the signals that are never skipped must have some weight, or a member with no data would have no score");
    }

    @Test
    void aMisspelledField() {
        refused(TestModel.with("    weight: 20\n", "    wieght: 20\n"),
                "signals[0].wieght: unknown field; expected one of [description, missing, name, normalise, weight]");
    }

    @Test
    void aWordWhereANumberBelongs() {
        refused(TestModel.with("    weight: 20\n", "    weight: heavy\n"),
                "signals[0].weight: must be a number (got 'heavy')");
    }

    @Test
    void aRequiredFieldLeftOut() {
        refused(TestModel.with("  flat-threshold: 3", "  #flat-threshold: 3"),
                "trend.flat-threshold: is required");
    }

    @Test
    void trendThresholdsOutOfRange() {
        refused(TestModel.with("flat-threshold: 3", "flat-threshold: -1").replace("window-days: 30", "window-days: 0"),
                "trend.window-days: must be between 1 and 3660 (got 0)",
                "trend.flat-threshold: must be between 0 and 100 (got -1)");
    }

    @Test
    void anUpgradeThatIsNotUp() {
        refused(TestModel.with("PROFESSIONAL: FELLOW", "PROFESSIONAL: STUDENT"),
                "upgrades.PROFESSIONAL: STUDENT is not above PROFESSIONAL");
    }

    @Test
    void anUnknownLevel() {
        refused(TestModel.with("PROFESSIONAL: FELLOW", "PROFESSIONAL: EMERITUS"),
                "upgrades.PROFESSIONAL: unknown membership level 'EMERITUS'; expected one of [STUDENT, ASSOCIATE, PROFESSIONAL, FELLOW]");
    }

    @Test
    void playbooksMustEndAtZero() {
        refused(TestModel.with("min-probability: 0.0", "min-probability: 0.2"),
                "renewal.playbooks: the last playbook must have min-probability 0, so that every forecast gets one");
    }

    @Test
    void aProbabilityOutOfRange() {
        refused(TestModel.with("at-score-100: 0.95", "at-score-100: 95"),
                "renewal.at-score-100: must be between 0 and 1 (got 95)");
    }

    @Test
    void everyMistakeIsReportedAtOnce() {
        refused(TestModel.with("    weight: 20\n", "    weight: -1\n").replace("{kind: linear, min: 0, max: 20}", "{kind: log}")
                        .replace("min-score: 80", "min-score: 180"),
                "signals[0] (days_since_login).weight: must not be below 0 (got -1)",
                "signals[4] (content_views_90d).normalise.kind: unknown kind 'log'; expected one of [linear, ratio, thresholds, boolean]",
                "triggers.expansion.min-score: must be between 0 and 100 (got 180)");
    }

    @Test
    void brokenYaml() {
        refused(TestModel.with("  - {name: watch,   min: 40, max: 69}", "  - {name: watch,   min: 40, max: 69"),
                "not valid YAML at line 54, column 5: expected ',' or '}', but got {");
    }

    @Test
    void aKeyGivenTwice() {
        List<String> errors = HealthModelLoader.parse(TestModel.with("    weight: 20\n", "    weight: 20\n    weight: 25\n")).errors();
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("not valid YAML at line 7, column 5: found duplicate key weight"), errors.get(0));
    }

    @Test
    void notAMapping() {
        refused("- just\n- a list\n", "the file must be a YAML mapping (version:, signals:, bands:, ...)");
    }

    private static void refused(String yaml, String... errors) {
        HealthModelLoader.Loaded loaded = HealthModelLoader.parse(yaml);
        assertNull(loaded.model());
        assertEquals(List.of(errors), loaded.errors());
    }
}
