package io.github.qwenbench.memory;

/**
 * Resident memory while one worker's model decodes greedy answers ({@link GenerationPhase}).
 *
 * @param answers samples answered
 * @param tokensPerAnswer tokens decoded per answer (generation/maxNewTokens; stop tokens ignored)
 * @param peakBytes the highest resident memory while decoding
 * @param kvCacheBytes the key/value cache at the end of the longest sequence (prompt, padding and answer), from
 *     the cache tensors' shapes and dtypes; 0 under full recompute, which keeps no cache
 * @param cachePositions the positions that cache held; 0 under full recompute
 * @param decoding {@code DecodingMethod.KV_CACHE} or {@code DecodingMethod.FULL_RECOMPUTE}
 */
public record GenerationMemorySample(int answers, int tokensPerAnswer, long peakBytes, long kvCacheBytes,
        int cachePositions, String decoding) {
}
