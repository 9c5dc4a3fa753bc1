package io.github.qwenbench.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MavenArtifactResolverTest {

    @Test
    void translatesDependencyOrderToAetherOrder() {
        assertEquals("g:a:pt:1.0", MavenArtifactResolver.withDefaultExtension("g:a:1.0"));
        assertEquals("g:a:zip:1.0", MavenArtifactResolver.withDefaultExtension("g:a:1.0:zip"));
        assertEquals("g:a:tar.gz:int8:1.0", MavenArtifactResolver.withDefaultExtension("g:a:1.0:tar.gz:int8"));
        assertThrows(IllegalArgumentException.class, () -> MavenArtifactResolver.withDefaultExtension("g:a"));
    }
}
