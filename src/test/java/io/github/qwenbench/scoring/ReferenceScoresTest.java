package io.github.qwenbench.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rules against an independent reference: src/test/scoring/make_expected_scores.py transcribes the
 * official scoring code in Python and scored src/test/scoring/items.jsonl into expected_scores.json.
 * After changing the items, run {@code python3 src/test/scoring/make_expected_scores.py}.
 */
class ReferenceScoresTest {

    private static final Path DIRECTORY = Path.of("src/test/scoring");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void javaScoresEqualThePythonTranscriptionsOfTheOfficialCode() throws IOException {
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        for (JsonNode score : JSON.readTree(DIRECTORY.resolve("expected_scores.json").toFile()).get("scores")) {
            expected.put(score.get("id").asText(), score);
        }
        List<String> items = Files.readAllLines(DIRECTORY.resolve("items.jsonl")).stream()
                .filter(line -> !line.isBlank()).toList();
        assertEquals(expected.size(), items.size(), "expected_scores.json is stale: rerun make_expected_scores.py");
        assertTrue(items.size() >= 40, "too few reference items: " + items.size());

        List<String> failures = new ArrayList<>();
        for (String line : items) {
            JsonNode item = JSON.readTree(line);
            String id = item.get("id").asText();
            JsonNode want = expected.get(id);
            if (want == null) {
                failures.add(id + ": no expected score; rerun make_expected_scores.py");
                continue;
            }
            ScoringRule rule = ScoringRule.parse(item.get("rule").asText());
            String answer = item.get("answer").asText();
            List<String> references = new ArrayList<>();
            item.get("references").forEach(reference -> references.add(reference.asText()));
            Map<String, String> options = null;
            if (item.has("options")) {
                Map<String, String> letters = new LinkedHashMap<>();
                item.get("options").fields().forEachRemaining(e -> letters.put(e.getKey(), e.getValue().asText()));
                options = letters;
            }
            double score = rule.score(answer, references, options);
            if (Math.abs(score - want.get("score").asDouble()) > 1e-9) {
                failures.add(id + " (" + item.get("note").asText() + "): Java " + score + ", Python "
                        + want.get("score").asDouble());
            }
            if (want.has("normalized")) {
                String normalized = VqaNormalization.normalize(answer.strip());
                if (!normalized.equals(want.get("normalized").asText())) {
                    failures.add(id + ": normalized to '" + normalized + "', Python '"
                            + want.get("normalized").asText() + "'");
                }
            }
            if (want.has("extracted")) {
                Optional<String> letter = ChoiceExtraction.letter(answer.strip(), options);
                Optional<String> python = want.get("extracted").isNull() ? Optional.empty()
                        : Optional.of(want.get("extracted").asText());
                if (!letter.equals(python)) {
                    failures.add(id + ": extracted " + letter + ", Python " + python);
                }
            }
        }
        assertEquals(List.of(), failures);
    }
}
