package io.github.qwenbench.model;

/**
 * What an engine's own cached generation gave (a three-part package's loop).
 *
 * @param tokens each row's generated tokens, up to and without its stop token
 * @param stopped whether each row met a stop token
 * @param stepNanos the time of every step: the first is the prefill, the others one decode step each
 * @param cacheBytes bytes of the key/value cache after the last step
 * @param cachePositions positions the cache held then
 */
public record GeneratedTokens(long[][] tokens, boolean[] stopped, long[] stepNanos, long cacheBytes,
        int cachePositions) {
}
