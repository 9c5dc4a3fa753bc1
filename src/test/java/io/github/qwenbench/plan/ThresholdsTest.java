package io.github.qwenbench.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThresholdsTest {

    @Test
    void acceptsFractionsAndPercentages() throws Exception {
        assertEquals(0.01, Thresholds.fraction("x", "1%", 0, 1), 1e-12);
        assertEquals(0.8, Thresholds.fraction("x", " 0.80 ", 0, 1), 1e-12);
        assertEquals(0.955, Thresholds.fraction("x", "95.5 %", 0, 1), 1e-12);
    }

    @Test
    void emptyMeansOff() throws Exception {
        assertNull(Thresholds.fraction("x", "  ", 0, 1));
        assertNull(Thresholds.number("x", null, 0, 1));
    }

    @Test
    void rejectsTextNamingTheSetting() {
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> Thresholds.fraction("accuracy/maxRelativeError", "one percent", 0, 1));
        assertTrue(e.getMessage().startsWith("accuracy/maxRelativeError is 'one percent', which is not a number"),
                e.getMessage());
    }

    @Test
    void rejectsOutOfRange() {
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> Thresholds.fraction("accuracy/maxRelativeError", "150%", 0, 1));
        assertEquals("accuracy/maxRelativeError is '150%', but it must lie between 0 and 1.", e.getMessage());
        assertThrows(BenchmarkSetupException.class, () -> Thresholds.number("c", "NaN", -1, 1));
        assertThrows(BenchmarkSetupException.class, () -> Thresholds.atLeast("accuracy/samples", 0, 1));
    }

    @Test
    void accuracySettingsValidateGenerationAgainstInputs() throws Exception {
        AccuracyConfig config = new AccuracyConfig();
        config.setMinGenerationAgreement("90%");
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> AccuracySettings.from(config, java.util.List.of()));
        assertTrue(e.getMessage().contains("no <generation> block"), e.getMessage());

        config.setGeneration(new GenerationConfig("tokens", 4, 0));
        e = assertThrows(BenchmarkSetupException.class, () -> AccuracySettings.from(config, java.util.List.of()));
        assertTrue(e.getMessage().contains("no <input> has that name"), e.getMessage());
    }
}
