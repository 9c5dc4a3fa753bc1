package io.github.qwenbench.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScalabilitySettingsTest {

    @Test
    void servedModelsSweepUsersAndNoTensorCurves() throws Exception {
        ScalabilitySettings served = ScalabilitySettings.from(new ScalabilityConfig(), List.of(), true);
        assertEquals(List.of(1, 2, 4, 8), served.concurrency(), "a server's users, not this machine's cores");
        assertEquals(List.of(), served.batchSizes(), "the default batch sizes are not a served model's curve");

        ScalabilitySettings files = ScalabilitySettings.from(new ScalabilityConfig(), List.of(), false);
        assertEquals(List.of(1, 2, 4, 8), files.batchSizes());
        assertEquals(ScalabilitySettings.upToTheCores(Runtime.getRuntime().availableProcessors()),
                files.concurrency());

        ScalabilityConfig users = new ScalabilityConfig();
        users.setConcurrency("1,16");
        assertEquals(List.of(1, 16), ScalabilitySettings.from(users, List.of(), true).concurrency());
    }

    @Test
    void tensorCurvesForServedModelsAreRefusedByName() throws Exception {
        ScalabilityConfig batches = new ScalabilityConfig();
        batches.setBatchSizes("2,4");
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> ScalabilitySettings.from(batches, List.of(), true));
        assertTrue(e.getMessage().contains("scalability/batchSizes is '2,4'")
                && e.getMessage().contains("<concurrency>"), e.getMessage());

        ScalabilityConfig none = new ScalabilityConfig();
        none.setBatchSizes("none");
        assertEquals(List.of(), ScalabilitySettings.from(none, List.of(), true).batchSizes());

        ScalabilityConfig sweeps = new ScalabilityConfig();
        SweepConfig sweep = new SweepConfig();
        sweep.setInput("input_ids");
        sweep.setValues("8,16");
        sweeps.setSweeps(List.of(sweep));
        e = assertThrows(BenchmarkSetupException.class, () -> ScalabilitySettings.from(sweeps, List.of(), true));
        assertTrue(e.getMessage().contains("scalability/sweeps") && e.getMessage().contains("remove <sweeps>"),
                e.getMessage());
    }
}
