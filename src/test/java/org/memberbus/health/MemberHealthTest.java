package org.memberbus.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memberbus.health.MemberHealth.ReloadOutcome.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The model in force: loaded at start-up, replaced by a valid reload, kept through an invalid one. */
class MemberHealthTest {

    static final String NEGATIVE_WEIGHT = TestModel.with("    weight: 20\n", "    weight: -20\n");
    static final String NEGATIVE_WEIGHT_ERROR = "signals[0] (days_since_login).weight: must not be below 0 (got -20)";

    @TempDir
    Path dir;

    @Test
    void aValidReloadReplacesTheModelAndItsVersion() throws Exception {
        Path file = write(TestModel.YAML);
        MemberHealth health = new MemberHealth(file.toString());
        assertEquals("test-1", health.version());
        assertEquals(83, health.score(HealthScorerTest.ada(), null).score());

        // version 2 doubles the weight of days since login (20 → 40, Σ weight 120):
        // 100 × (0.9 × 40 + 65.25 from the other signals) / 120 = 100 × 101.25 / 120 = 84.375 → 84
        write(TestModel.with("version: \"test-1\"", "version: \"test-2\"").replace("    weight: 20\n", "    weight: 40\n"));
        MemberHealth.ReloadOutcome outcome = health.reload();

        assertEquals(Status.APPLIED, outcome.status());
        assertEquals("test-2", outcome.version());
        assertEquals(List.of(), outcome.errors());
        HealthResult r = health.score(HealthScorerTest.ada(), null);
        assertEquals("test-2", r.modelVersion());
        assertEquals(84, r.score());
    }

    @Test
    void anInvalidReloadIsRefusedAndTheModelInForceStays() throws Exception {
        Path file = write(TestModel.YAML);
        MemberHealth health = new MemberHealth(file.toString());

        write(NEGATIVE_WEIGHT);
        MemberHealth.ReloadOutcome outcome = health.reload();

        assertEquals(Status.REFUSED, outcome.status());
        assertEquals(List.of(NEGATIVE_WEIGHT_ERROR), outcome.errors());
        assertEquals("test-1", outcome.version());
        HealthResult r = health.score(HealthScorerTest.ada(), null);
        assertEquals("test-1", r.modelVersion());
        assertEquals(83, r.score());
    }

    @Test
    void aVanishedFileIsRefusedToo() throws Exception {
        Path file = write(TestModel.YAML);
        MemberHealth health = new MemberHealth(file.toString());
        Files.delete(file);

        MemberHealth.ReloadOutcome outcome = health.reload();

        assertEquals(Status.REFUSED, outcome.status());
        assertThat(outcome.errors().get(0)).endsWith("does not exist");
        assertEquals("test-1", health.version());
    }

    @Test
    void reloadIfChangedReadsOnlyANewText() throws Exception {
        Path file = write(TestModel.YAML);
        MemberHealth health = new MemberHealth(file.toString());
        assertEquals(Status.UNCHANGED, health.reloadIfChanged().status());

        write(NEGATIVE_WEIGHT);
        assertEquals(Status.REFUSED, health.reloadIfChanged().status());
        assertEquals(Status.UNCHANGED, health.reloadIfChanged().status(), "a refused text is not refused again on every poll");

        write(TestModel.with("version: \"test-1\"", "version: \"test-3\""));
        assertEquals(Status.APPLIED, health.reloadIfChanged().status());
        assertEquals("test-3", health.version());
    }

    @Test
    void anInvalidModelStopsStartUpWithOneClearLine() throws Exception {
        Path file = write(NEGATIVE_WEIGHT);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new MemberHealth(file.toString()));
        assertEquals("Invalid health model " + file.toAbsolutePath() + ": " + NEGATIVE_WEIGHT_ERROR, e.getMessage());
    }

    @Test
    void aConfiguredPathMustExist() {
        Path missing = dir.resolve("nope.yaml");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new MemberHealth(missing.toString()));
        assertEquals("health model file " + missing.toAbsolutePath() + " does not exist", e.getMessage());
    }

    @Test
    void theCopyInTheJarIsValid() throws Exception {
        // what MemberHealth falls back to when config/health-model.yaml is not beside the jar
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(MemberHealth.DEFAULT_PATH)) {
            assertEquals(List.of(), HealthModelLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).errors());
        }
    }

    @Test
    void springReadsThePathFromTheProperty() throws Exception {
        Path file = write(TestModel.YAML);
        new ApplicationContextRunner()
                .withBean(MemberHealth.class)
                .withPropertyValues("memberbus.health.model-path=" + file)
                .run(context -> assertEquals("test-1", context.getBean(MemberHealth.class).version()));
        new ApplicationContextRunner()
                .withBean(MemberHealth.class)
                .run(context -> assertThat(context.getBean(MemberHealth.class).version()).isNotBlank());
    }

    @Test
    void springStartUpFailsOnAnInvalidModel() throws Exception {
        Path file = write(NEGATIVE_WEIGHT);
        new ApplicationContextRunner()
                .withBean(MemberHealth.class)
                .withPropertyValues("memberbus.health.model-path=" + file)
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessage("Invalid health model " + file.toAbsolutePath() + ": " + NEGATIVE_WEIGHT_ERROR));
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("health-model.yaml"), yaml);
    }
}
