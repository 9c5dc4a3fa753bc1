package io.github.qwenbench.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class HtmlThumbnailTest {

    @Test
    void aPictureBecomesASmallInlinePngWithItsProportions() throws Exception {
        String html = Html.thumbnail(Path.of("src/test/workload/demo/images/scene_500x375.jpg"), 64);

        assertTrue(html.startsWith("<img alt=\"scene_500x375.jpg\" src=\"data:image/png;base64,"), html);
        String data = html.substring(html.indexOf("base64,") + 7, html.length() - 2);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(data)));
        assertEquals(64, image.getWidth(), "the longer side is scaled to 64");
        assertEquals(48, image.getHeight(), "500x375 keeps its 4:3 proportions");
    }

    @Test
    void aFileThatCannotBeReadIsNamedInstead() {
        assertEquals("missing&lt;1&gt;.png", Html.thumbnail(Path.of("nowhere/missing<1>.png"), 64));
    }
}
