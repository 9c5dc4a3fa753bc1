package io.github.qwenbench.decoding;

/** How a model decodes, as the results describe it: over its key/value cache, or by full recompute. */
public final class DecodingMethod {

    private DecodingMethod() {
    }

    public static final String FULL_RECOMPUTE = "full recompute: one forward pass over the whole sequence per new token"
            + " (the model has no key/value cache)";

    public static final String KV_CACHE = "kv-cache: the prefill, then one decode step per new token over the model's"
            + " key/value cache (its decode method)";

    public static final String PACKAGE_CACHE = "kv-cache: the prefill, then one decode step per new token, each feeding"
            + " the decoder's present key/values back as its past (a three-part ONNX package, the caller's part done as"
            + " Hugging Face's generate does)";

    /** How two models decoded, in one phrase: the same way, or each its own. */
    public static String decoding(String baseline, String candidate) {
        return baseline.equals(candidate) ? baseline : "baseline " + baseline + "; candidate " + candidate;
    }

    /** {@link #KV_CACHE} or {@link #FULL_RECOMPUTE} in two words: {@code kv-cache}, or {@code full recompute}. */
    public static String label(String decoding) {
        return decoding.split(":")[0];
    }
}
