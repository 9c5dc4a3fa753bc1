package io.github.qwenbench.accuracy;

import io.github.qwenbench.stats.PairedScoreDifference;
import java.util.List;

/**
 * Everything the accuracy suite measured.
 *
 * @param outputs per output: errors and agreement of the candidate against the baseline
 * @param stability per model: run-to-run difference and sensitivity to input noise
 * @param generation greedy-decoding agreement, or null when not configured
 * @param gradientFlow per model, or empty when not configured
 * @param task both models' scores against the workload's reference answers, or null when no
 *     conversation carries answers
 */
public record AccuracyMetrics(List<OutputAccuracy> outputs, List<Stability> stability, Generation generation,
        List<GradientFlow> gradientFlow, Task task) {

    /**
     * Task accuracy: both models' greedy answers scored against reference answers.
     *
     * @param items conversations scored
     * @param baselineScore the baseline's mean score, in [0, 1]
     * @param candidateScore the candidate's mean score
     * @param onlyBaselineRight items the baseline alone gets right (score at least 0.5)
     * @param onlyCandidateRight items the candidate alone gets right
     * @param drop the mean drop (baseline minus candidate) with its one-sided bounds
     * @param perItem every item, in the workload's order
     */
    public record Task(int items, double baselineScore, double candidateScore, int onlyBaselineRight,
            int onlyCandidateRight, PairedScoreDifference drop, List<TaskItem> perItem) {
    }

    /**
     * One scored conversation.
     *
     * @param line its line in the conversations file
     * @param question the text of its last user message
     * @param images its images' paths
     * @param references the accepted answers
     * @param scoring the scoring rule
     * @param baselineAnswer the baseline's answer, special tokens left out
     * @param candidateAnswer the candidate's answer
     * @param baselineScore the baseline answer's score, in [0, 1]
     * @param candidateScore the candidate answer's score
     */
    public record TaskItem(int line, String question, List<String> images, List<String> references, String scoring,
            String baselineAnswer, String candidateAnswer, double baselineScore, double candidateScore) {
    }

    /**
     * @param role baseline or candidate
     * @param repeatRelativeDifference largest relative L2 difference of any output between two runs on the
     *     same input
     * @param repeatMaxAbsoluteDifference largest element difference between those runs
     * @param perturbation relative size of the Gaussian noise added to floating inputs, or NaN when the
     *     model has no floating input
     * @param perturbationOutputChange largest relative L2 change of any output under that noise, or NaN
     */
    public record Stability(String role, double repeatRelativeDifference, double repeatMaxAbsoluteDifference,
            double perturbation, double perturbationOutputChange) {
    }

    /**
     * @param input the token-id input that grew
     * @param steps tokens generated per sequence
     * @param sequences sequences decoded by each model
     * @param tokenAgreement share of generated tokens that agree position by position
     * @param exactMatchRate share of sequences that agree entirely
     * @param firstBaselineTokens the baseline's tokens for the first sequence, for the report
     * @param firstCandidateTokens the candidate's tokens for the first sequence
     */
    public record Generation(String input, int steps, int sequences, double tokenAgreement, double exactMatchRate,
            List<Long> firstBaselineTokens, List<Long> firstCandidateTokens) {
    }

    /**
     * @param role baseline or candidate
     * @param parameters trainable parameters found
     * @param zeroGradient names of parameters whose gradient is all zeros (or absent)
     * @param nonFiniteGradient names of parameters with NaN or infinite gradient elements
     * @param error why the backward pass failed, or null
     */
    public record GradientFlow(String role, int parameters, List<String> zeroGradient, List<String> nonFiniteGradient,
            String error) {

        /** Parameters that did not receive a usable gradient; all of them when the pass failed. */
        public int badParameters() {
            return error != null ? Math.max(parameters, 1) : zeroGradient.size() + nonFiniteGradient.size();
        }
    }
}
