package io.github.qwenbench.hardware;

import io.github.qwenbench.hardware.OperatorProfile.OperatorStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Two operator profiles side by side, baseline and candidate: the operators whose share of the time
 * changed most. Shares, not times, are compared first because the profiles may come from runs of
 * different lengths and the profiler's overhead inflates times alike; times are per inference.
 *
 * @param baselineMicrosPerInference the baseline's self time per inference, all operators
 * @param candidateMicrosPerInference the candidate's
 * @param changes at most the requested number of operators, the largest change of share first
 */
public record ProfileComparison(double baselineMicrosPerInference, double candidateMicrosPerInference,
        List<OperatorChange> changes) {

    /**
     * One operator in both profiles; one that ran in only one has 0 calls, time and share in the other.
     *
     * @param name the operator
     * @param baselineCallsPerInference its calls per baseline inference
     * @param candidateCallsPerInference per candidate inference
     * @param baselineMicrosPerInference its self time per baseline inference
     * @param candidateMicrosPerInference per candidate inference
     * @param baselineShare its share of the baseline's self time
     * @param candidateShare of the candidate's
     */
    public record OperatorChange(String name, double baselineCallsPerInference, double candidateCallsPerInference,
            double baselineMicrosPerInference, double candidateMicrosPerInference, double baselineShare,
            double candidateShare) {

        /** Candidate share minus baseline share: positive where the candidate spends more of its time. */
        public double shareChange() {
            return candidateShare - baselineShare;
        }
    }

    /** The {@code top} operators whose share changed most (by absolute change). */
    public static ProfileComparison of(OperatorProfile baseline, OperatorProfile candidate, int top) {
        if (top < 1) {
            throw new IllegalArgumentException("top is " + top + ", but a comparison lists at least 1 operator");
        }
        Set<String> names = new LinkedHashSet<>();
        baseline.operators().forEach(o -> names.add(o.name()));
        candidate.operators().forEach(o -> names.add(o.name()));
        List<OperatorChange> changes = new ArrayList<>();
        for (String name : names) {
            Optional<OperatorStats> b = baseline.operator(name);
            Optional<OperatorStats> c = candidate.operator(name);
            changes.add(new OperatorChange(name, callsPerInference(b, baseline), callsPerInference(c, candidate),
                    b.map(o -> o.selfMicros() / baseline.inferences()).orElse(0.0),
                    c.map(o -> o.selfMicros() / candidate.inferences()).orElse(0.0),
                    b.map(OperatorStats::share).orElse(0.0), c.map(OperatorStats::share).orElse(0.0)));
        }
        changes.sort(Comparator.comparingDouble((OperatorChange o) -> Math.abs(o.shareChange())).reversed()
                .thenComparing(OperatorChange::name));
        return new ProfileComparison(baseline.selfMicros() / baseline.inferences(),
                candidate.selfMicros() / candidate.inferences(), List.copyOf(changes.subList(0, Math.min(top,
                        changes.size()))));
    }

    private static double callsPerInference(Optional<OperatorStats> operator, OperatorProfile profile) {
        return operator.map(o -> (double) o.calls() / profile.inferences()).orElse(0.0);
    }
}
