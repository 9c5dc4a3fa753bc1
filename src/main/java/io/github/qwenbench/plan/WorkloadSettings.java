package io.github.qwenbench.plan;

import java.util.List;

/**
 * A validated workload: which conversations are the samples, how they are preprocessed, and where
 * each sample's tensors are written for the models (and for the user) to read. Recorded in every
 * result's {@code config}, with the SHA-256 of each file, so that a run can be reproduced.
 *
 * @param conversations absolute path of the conversations file
 * @param conversationsSha256 its SHA-256
 * @param lines the line (from 1) of each sample's conversation: sample k is the k-th conversation
 * @param tokenizer absolute path of the {@code tokenizer.json}
 * @param tokenizerSource what was configured: a path or Maven coordinates, or the package it came from
 * @param tokenizerSha256 its SHA-256
 * @param padTokenId the tokenizer's pad token ({@code <|endoftext|>}), for left-padded batches
 * @param chatTemplate absolute path of the chat template (a .jinja file, or a package's JSON file that holds
 *        it), or null for the bundled Qwen3-VL template
 * @param template the template's name, as results show it
 * @param templateSha256 the template's SHA-256
 * @param minPixels least pixels of a resized image
 * @param maxPixels most pixels of a resized image
 * @param patchSize side of a patch in pixels
 * @param mergeSize patches merged per side into one image token
 * @param temporalPatchSize frames per patch
 * @param imageMean per-channel mean of the normalisation (a package's preprocessor_config.json), or null for
 *        Qwen3-VL's
 * @param imageStd per-channel standard deviation of the normalisation, or null for Qwen3-VL's
 * @param samples how many conversations are samples
 * @param directory where {@code sample-<k>.npz} and {@code sample-<k>.txt} are written
 * @param replacedInputs the {@code <inputs>} this workload replaced (Maven merges plugin-level and
 *        execution-level configuration), empty when there were none: when a model rejects the
 *        workload, they show which layout it accepts
 */
public record WorkloadSettings(String conversations, String conversationsSha256, List<Integer> lines,
        String tokenizer, String tokenizerSource, String tokenizerSha256, long padTokenId, String chatTemplate,
        String template, String templateSha256, long minPixels, long maxPixels, int patchSize, int mergeSize,
        int temporalPatchSize, float[] imageMean, float[] imageStd, int samples, String directory,
        List<InputSpec> replacedInputs) {

    public WorkloadSettings {
        lines = List.copyOf(lines);
        replacedInputs = List.copyOf(replacedInputs);
    }

    /** The line of sample {@code index}'s conversation (indices wrap around, as suites cycle through samples). */
    public int line(int index) {
        return lines.get(Math.floorMod(index, samples));
    }
}
