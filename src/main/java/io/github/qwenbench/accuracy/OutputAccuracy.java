package io.github.qwenbench.accuracy;

import java.util.Arrays;

/**
 * One output's accuracy over all samples.
 *
 * @param output the output's name
 * @param shape its shape (of the first sample)
 * @param samples how many samples were compared
 * @param maxAbsoluteError largest |c - b| over all samples
 * @param meanAbsoluteError mean of the per-sample mean |c - b|
 * @param worstRelativeL2Error largest per-sample ||c - b|| / ||b||
 * @param meanRelativeL2Error mean per-sample ||c - b|| / ||b||
 * @param worstCosineSimilarity smallest per-sample cosine similarity
 * @param top1Agreement share of arg-max positions (last axis) that agree, over all samples; NaN for
 *     outputs that are not logit-like
 * @param baselineNonFinite NaN or infinite elements the baseline produced
 * @param candidateNonFinite NaN or infinite elements the candidate produced
 */
public record OutputAccuracy(String output, long[] shape, int samples, double maxAbsoluteError,
        double meanAbsoluteError, double worstRelativeL2Error, double meanRelativeL2Error,
        double worstCosineSimilarity, double top1Agreement, long baselineNonFinite, long candidateNonFinite) {

    /** Accumulates per-sample comparisons of one output. */
    public static final class Accumulator {
        private final String output;
        private final long[] shape;
        private int samples;
        private double maxAbs;
        private double sumMeanAbs;
        private double worstRelative;
        private double sumRelative;
        private double worstCosine = Double.POSITIVE_INFINITY;
        private double sumTop1;
        private int top1Samples;
        private long baseBad;
        private long candBad;

        public Accumulator(String output, long[] shape) {
            this.output = output;
            this.shape = shape.clone();
        }

        public void add(TensorComparison c) {
            samples++;
            maxAbs = Math.max(maxAbs, c.maxAbsoluteError());
            sumMeanAbs += c.meanAbsoluteError();
            worstRelative = Math.max(worstRelative, c.relativeL2Error());
            sumRelative += c.relativeL2Error();
            worstCosine = Math.min(worstCosine, c.cosineSimilarity());
            if (!Double.isNaN(c.top1Agreement())) {
                sumTop1 += c.top1Agreement();
                top1Samples++;
            }
            baseBad += c.baselineNonFinite();
            candBad += c.candidateNonFinite();
        }

        /** The summary; every statistic is NaN when no sample was added, so that no gate can pass on it. */
        public OutputAccuracy result() {
            if (samples == 0) {
                return new OutputAccuracy(output, shape, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, 0, 0);
            }
            return new OutputAccuracy(output, shape, samples, maxAbs, sumMeanAbs / samples, worstRelative,
                    sumRelative / samples, worstCosine, top1Samples == 0 ? Double.NaN : sumTop1 / top1Samples,
                    baseBad, candBad);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutputAccuracy that && output.equals(that.output) && Arrays.equals(shape, that.shape)
                && samples == that.samples && Double.compare(worstRelativeL2Error, that.worstRelativeL2Error) == 0;
    }

    @Override
    public int hashCode() {
        return output.hashCode() * 31 + samples;
    }
}
