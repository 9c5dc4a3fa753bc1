package io.github.qwenbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.qwenbench.gate.TrackedFigure;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.suite.Suite;
import io.github.qwenbench.suite.SuiteReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <historyFile>}: one JSON line per run with its headline figures and the declared conditions
 * each was measured under, for the report's trend charts.
 */
public final class History {

    private History() {
    }

    /** The figures a trend is drawn for, from this run's reports. */
    private static List<TrackedFigure> trendFigures(List<SuiteReport> reports) {
        List<TrackedFigure> figures = new ArrayList<>();
        for (SuiteReport report : reports) {
            for (TrackedFigure figure : Suite.figuresOf(report.suite(), report.metrics())) {
                if (figure.trend()) {
                    figures.add(figure);
                }
            }
        }
        return figures;
    }

    public static void append(Path file, List<SuiteReport> reports, String commit, Instant time) throws IOException {
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("time", time.toString());
        line.put("commit", commit);
        line.put("passed", reports.stream().allMatch(SuiteReport::passed));
        ObjectNode values = line.putObject("figures");
        ObjectNode conditions = line.putObject("conditions");
        for (TrackedFigure figure : trendFigures(reports)) {
            if (Double.isFinite(figure.value())) {
                values.put(figure.name(), figure.value());
                if (figure.conditions() != null) {
                    conditions.put(figure.name(), figure.conditions());
                }
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, Json.mapper().writer().without(
                com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(line) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Every line of the file, oldest first; an unreadable line is an error naming the file. */
    public static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        if (file == null || !Files.isRegularFile(file)) {
            return lines;
        }
        int number = 0;
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (!text.isBlank()) {
                try {
                    lines.add(Json.mapper().readTree(text));
                } catch (IOException e) {
                    throw new IOException(file + " line " + number + " is not JSON: " + e.getMessage(), e);
                }
            }
        }
        return lines;
    }
}
