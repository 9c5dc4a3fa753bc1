package io.github.qwenbench.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Continuous batching over a package's own cache: the reference conversations join one running batch every
 * second step (each prefilled alone, the shorter cache padded and masked on joining) and leave it when their
 * answer has its length, which differs by conversation so that a row leaves from the middle of the batch and
 * two leave at once (the padding no remaining row needs trimmed); every conversation's tokens equal the start
 * of Hugging Face's generate(do_sample=False), on both packages (DeepStack's features are zeros while
 * decoding).
 */
class PackageBatchTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.qwenbench.onnx.PackageGenerationTest#packages")
    void conversationsJoiningAndLeavingABatchGetHuggingFacesTokens(String name) throws Exception {
        JsonNode references = new ObjectMapper().readTree(PackageGenerationTest.PACKAGES.resolve(name)
                .resolve("references.json").toFile());
        int newTokens = references.get("new_tokens").asInt();
        List<String> cases = new ArrayList<>();
        references.get("cases").fieldNames().forEachRemaining(cases::add);
        OnnxPackage pkg = OnnxPackage.open(PackageGenerationTest.PACKAGES.resolve(name), "fp32", Map.of(), name);
        // joining at steps 0, 2, 4, 6, 8: the second leaves at step 4 from between the first and the third, the
        // third and fourth leave together at step 14
        int[] lengths = {newTokens, 4, newTokens, newTokens - 2, newTokens};
        Map<String, Integer> wanted = new HashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            wanted.put(cases.get(i), lengths[i % lengths.length]);
        }
        Map<String, List<Long>> answers = new HashMap<>();
        int middle = 0;
        int together = 0;
        int largest = 0;
        boolean trimmed = false;
        try (PackageGraphs graphs = PackageGraphs.open(pkg, PackageGenerationTest.SESSIONS, name)) {
            PackageGeneration generation = new PackageGeneration(graphs, pkg.config());
            PackageBatch batch = null;
            List<String> rows = new ArrayList<>();
            try {
                int joined = 0;
                for (int step = 0; joined < cases.size() || !rows.isEmpty(); step++) {
                    if (step % 2 == 0 && joined < cases.size()) { // a conversation joins every second step
                        String c = cases.get(joined++);
                        PackageBatch one = generation.prefillBatch(PackageGenerationTest.prompt(List.of(c)));
                        answers.put(c, new ArrayList<>(List.of(one.nextTokens()[0])));
                        batch = batch == null ? one : batch.join(one);
                        rows.add(c);
                    }
                    largest = Math.max(largest, batch.size());
                    long[] feed = new long[rows.size()];
                    for (int r = 0; r < feed.length; r++) {
                        List<Long> answer = answers.get(rows.get(r));
                        feed[r] = answer.get(answer.size() - 1);
                    }
                    batch.step(feed);
                    long[] next = batch.nextTokens();
                    boolean[] keep = new boolean[rows.size()];
                    for (int r = 0; r < rows.size(); r++) {
                        List<Long> answer = answers.get(rows.get(r));
                        answer.add(next[r]);
                        keep[r] = answer.size() < wanted.get(rows.get(r));
                    }
                    int leaving = 0;
                    for (int r = 0; r < keep.length; r++) {
                        leaving += keep[r] ? 0 : 1;
                        middle += !keep[r] && r > 0 && r < keep.length - 1 ? 1 : 0;
                    }
                    together += leaving >= 2 && leaving < keep.length ? 1 : 0;
                    List<String> staying = new ArrayList<>();
                    for (int r = 0; r < rows.size(); r++) {
                        if (keep[r]) {
                            staying.add(rows.get(r));
                        }
                    }
                    if (staying.isEmpty()) {
                        batch.close();
                        batch = null;
                    } else if (staying.size() < rows.size()) {
                        int before = batch.length();
                        batch.keep(keep);
                        trimmed |= batch.length() < before;
                        assertEquals(staying.size(), batch.size());
                    }
                    rows = staying;
                }
            } finally {
                if (batch != null) {
                    batch.close();
                }
            }
        }
        assertTrue(largest >= 3, name + ": conversations overlapped in the batch (" + largest + ")");
        assertTrue(trimmed, name + ": the padding of a long conversation that left was trimmed");
        assertTrue(middle > 0, name + ": a row left from the middle of the batch");
        assertTrue(together > 0, name + ": two rows left at once while others stayed");
        for (String c : cases) {
            JsonNode expected = references.get("cases").get(c).get("tokens");
            long[] want = new long[wanted.get(c)];
            for (int i = 0; i < want.length; i++) {
                want[i] = expected.get(i).asLong();
            }
            assertArrayEquals(want, answers.get(c).stream().mapToLong(Long::longValue).toArray(), name + ": " + c);
        }
    }
}
