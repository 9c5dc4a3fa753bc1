package io.github.qwenbench.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the output of {@code nvidia-smi --query-gpu=FIELDS --format=csv[,noheader][,nounits]}: one line
 * per GPU per sample, values separated by {@code ", "}, with units ({@code 81.57 W}, {@code 0 %},
 * {@code 143771 MiB}) unless {@code nounits}, and {@code [N/A]} where a GPU does not report a value. A
 * header line, when present, names the columns (nvidia-smi spells some differently from the query:
 * {@code clocks.sm} comes back as {@code clocks.current.sm [MHz]}); without one the columns are the
 * queried fields in order.
 */
public final class NvidiaSmiCsv {

    /** The fields the sampler asks for, in this order. */
    public static final List<String> QUERY_FIELDS = List.of("timestamp", "index", "name", "uuid", "driver_version",
            "utilization.gpu", "utilization.memory", "memory.used", "memory.total", "power.draw", "temperature.gpu",
            "clocks.sm");

    /** Header spellings that differ from the query's. */
    private static final Map<String, String> HEADER_ALIASES = Map.of("clocks.current.sm", "clocks.sm",
            "clocks.current.memory", "clocks.mem", "clocks.current.graphics", "clocks.gr");

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

    private NvidiaSmiCsv() {
    }

    /** Every GPU sample in {@code output}, whose columns are {@code fields} unless it starts with a header. */
    public static List<GpuSample> parse(String output, List<String> fields) {
        List<String> columns = fields;
        List<GpuSample> samples = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = List.of(line.split(",\\s*", -1));
            if (isHeader(cells)) {
                columns = cells.stream().map(NvidiaSmiCsv::fieldOf).toList();
                continue;
            }
            samples.add(sample(columns, cells));
        }
        return samples;
    }

    /** One line of the {@code noheader} form, as the sampler reads them. */
    public static GpuSample parseLine(String line, List<String> fields) {
        return sample(fields, List.of(line.split(",\\s*", -1)));
    }

    private static boolean isHeader(List<String> cells) {
        return cells.stream().anyMatch(c -> c.trim().matches("[a-z_]+(\\.[a-z_]+)+( \\[.*])?|timestamp|index|name|uuid"));
    }

    private static String fieldOf(String header) {
        String name = header.trim().replaceAll("\\s*\\[.*]$", "").toLowerCase(Locale.ROOT);
        return HEADER_ALIASES.getOrDefault(name, name);
    }

    private static GpuSample sample(List<String> columns, List<String> cells) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < Math.min(columns.size(), cells.size()); i++) {
            String value = cells.get(i).trim();
            if (!value.isEmpty() && !value.startsWith("[")) {
                values.put(columns.get(i), value);
            }
        }
        Double index = number(values.get("index"));
        return new GpuSample(values.get("timestamp"), index == null ? null : index.intValue(), values.get("name"),
                values.get("uuid"), values.get("driver_version"), number(values.get("utilization.gpu")),
                number(values.get("utilization.memory")), number(values.get("memory.used")),
                number(values.get("memory.total")), number(values.get("power.draw")),
                number(values.get("temperature.gpu")), number(values.get("clocks.sm")));
    }

    /** The leading number of a value with or without its unit; null for a missing or non-numeric one. */
    private static Double number(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = NUMBER.matcher(value);
        return m.lookingAt() ? Double.valueOf(m.group()) : null;
    }
}
