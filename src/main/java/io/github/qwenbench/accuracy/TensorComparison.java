package io.github.qwenbench.accuracy;

/**
 * How far a candidate's tensor is from the baseline's, element by element. Sums run in double
 * precision. Non-finite elements are counted and left out of the error sums, so that one NaN does
 * not hide the rest; the finiteness gate judges them.
 *
 * @param maxAbsoluteError largest |c - b|
 * @param meanAbsoluteError mean |c - b|
 * @param relativeL2Error ||c - b|| / ||b|| (0 when both are all zeros, infinite when only b is)
 * @param cosineSimilarity c.b / (||c|| ||b||) (1 when both are all zeros)
 * @param top1Agreement share of rows (along the last axis) whose arg-max agrees; NaN if not computed
 * @param baselineNonFinite NaN or infinite elements in b
 * @param candidateNonFinite NaN or infinite elements in c
 */
public record TensorComparison(double maxAbsoluteError, double meanAbsoluteError, double relativeL2Error,
        double cosineSimilarity, double top1Agreement, long baselineNonFinite, long candidateNonFinite) {

    /**
     * @param baseline b
     * @param candidate c, of the same length
     * @param rowLength the last axis's size for top-1 agreement, or 0 to skip it
     */
    public static TensorComparison of(float[] baseline, float[] candidate, int rowLength) {
        if (baseline.length != candidate.length) {
            throw new IllegalArgumentException("tensors differ in size: " + baseline.length + " vs " + candidate.length);
        }
        double maxAbs = 0;
        double sumAbs = 0;
        double diffSquares = 0;
        double baseSquares = 0;
        double candSquares = 0;
        double dot = 0;
        long counted = 0;
        long baseBad = 0;
        long candBad = 0;
        for (int i = 0; i < baseline.length; i++) {
            double b = baseline[i];
            double c = candidate[i];
            boolean bFinite = Double.isFinite(b);
            boolean cFinite = Double.isFinite(c);
            if (!bFinite) {
                baseBad++;
            }
            if (!cFinite) {
                candBad++;
            }
            if (!bFinite || !cFinite) {
                continue;
            }
            double d = Math.abs(c - b);
            maxAbs = Math.max(maxAbs, d);
            sumAbs += d;
            diffSquares += d * d;
            baseSquares += b * b;
            candSquares += c * c;
            dot += b * c;
            counted++;
        }
        double relative = baseSquares == 0
                ? (diffSquares == 0 ? 0 : Double.POSITIVE_INFINITY)
                : Math.sqrt(diffSquares) / Math.sqrt(baseSquares);
        double cosine = baseSquares == 0 && candSquares == 0 ? 1
                : baseSquares == 0 || candSquares == 0 ? 0 : dot / (Math.sqrt(baseSquares) * Math.sqrt(candSquares));
        double top1 = rowLength > 1 ? top1Agreement(baseline, candidate, rowLength) : Double.NaN;
        return new TensorComparison(maxAbs, counted == 0 ? 0 : sumAbs / counted, relative, cosine, top1, baseBad,
                candBad);
    }

    /** Share of rows of {@code rowLength} elements whose arg-max is the same in both tensors. */
    public static double top1Agreement(float[] baseline, float[] candidate, int rowLength) {
        int rows = baseline.length / rowLength;
        if (rows == 0) {
            return Double.NaN;
        }
        int agree = 0;
        for (int r = 0; r < rows; r++) {
            if (argmax(baseline, r * rowLength, rowLength) == argmax(candidate, r * rowLength, rowLength)) {
                agree++;
            }
        }
        return (double) agree / rows;
    }

    /** Index (within the row) of the largest element; NaN elements never win. */
    public static int argmax(float[] values, int offset, int length) {
        int best = 0;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            float v = values[offset + i];
            if (v > bestValue) {
                bestValue = v;
                best = i;
            }
        }
        return best;
    }
}
