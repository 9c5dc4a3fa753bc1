package io.github.qwenbench.hardware;

import ai.djl.ndarray.NDManager;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.HardwareSettings;
import io.github.qwenbench.scalability.ScalabilityMetrics;
import io.github.qwenbench.scalability.ScalabilityRunner;
import io.github.qwenbench.suite.SuiteContext;
import io.github.qwenbench.suite.SuiteRunner;

/** Measures both models' thread scaling in one worker. */
public final class HardwareRunner implements SuiteRunner {

    @Override
    public HardwareMetrics run(SuiteContext context) throws BenchmarkSetupException {
        HardwareSettings settings = context.plan().hardware();
        try (NDManager manager = NDManager.newBaseManager();
                LoadedModel baseline = LoadedModel.load(context.plan().baseline(), false);
                LoadedModel candidate = LoadedModel.load(context.plan().candidate(), false)) {
            ScalabilityMetrics.Curve threadScaling = settings.threads().isEmpty() ? null
                    : ScalabilityRunner.intraOpThreadCurve(context, baseline, candidate, settings.points(),
                            settings.threads(), manager);
            return new HardwareMetrics(threadScaling, HardwareMetrics.METHOD);
        }
    }
}
