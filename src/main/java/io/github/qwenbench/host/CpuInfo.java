package io.github.qwenbench.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Linux's {@code /proc/cpuinfo} says about the processor: its model, its counts, and the
 * instruction-set extensions that decide which inference kernels libtorch (oneDNN, FBGEMM, XNNPACK,
 * KleidiAI) can pick.
 *
 * <p>x86 lists one block per logical processor with {@code model name}, {@code physical id},
 * {@code core id}, {@code siblings}, {@code cpu cores} and {@code flags}; arm64 lists one block per
 * processor with {@code Features} and {@code CPU implementer}/{@code CPU part}, and no model name
 * (Documentation/arch/arm64/cpu-feature-registers.rst and elf_hwcaps.rst in the kernel sources).
 *
 * @param architecture {@code x86} or {@code arm64}, or {@code unknown}
 * @param model the model name (x86) or the core's name from its part number (arm64), or null
 * @param logicalProcessors logical processors: the processor blocks, or {@code siblings} when the text
 *     holds one processor's block only
 * @param physicalCores distinct (physical id, core id) pairs, or {@code cpu cores} times the packages;
 *     on arm64 one core per processor (no SMT in the cores the kernel reports this way); 0 if unknown
 * @param inferenceFeatures the extensions of {@link #INFERENCE_FEATURES} present, in that order, under
 *     the kernel's names
 * @param flags every flag the first processor lists
 */
public record CpuInfo(String architecture, String model, int logicalProcessors, int physicalCores,
        List<String> inferenceFeatures, Set<String> flags) {

    /**
     * The extensions that matter for inference, under the kernel's names. x86: {@code avx2} and
     * {@code fma} (the fp32 baseline of oneDNN and FBGEMM), {@code f16c}, {@code avx_vnni} (int8 dot
     * products on 256-bit registers), the AVX-512 foundation and {@code bw}/{@code vl} (oneDNN's
     * avx512_core), {@code avx512_vnni} (int8), {@code avx512_bf16}, {@code avx512_fp16}, and AMX tiles
     * with int8 and bf16. arm64: {@code asimd} (NEON), {@code asimdhp} (fp16 arithmetic),
     * {@code asimddp} (int8 dot product), {@code i8mm} (int8 matrix multiply), {@code bf16},
     * {@code sve}, {@code sve2}, {@code svei8mm}, {@code svebf16}, {@code sme}.
     */
    public static final List<String> INFERENCE_FEATURES = List.of("avx2", "fma", "f16c", "avx_vnni", "avx512f",
            "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16", "amx_tile", "amx_int8",
            "amx_bf16", "asimd", "asimdhp", "asimddp", "i8mm", "bf16", "sve", "sve2", "svei8mm", "svebf16", "sme");

    /** Arm's core part numbers (implementer 0x41) as the kernel's cputype.h and Arm's manuals name them. */
    private static final Map<String, String> ARM_PARTS = Map.ofEntries(Map.entry("0xd08", "Cortex-A72"),
            Map.entry("0xd0b", "Cortex-A76"), Map.entry("0xd0c", "Neoverse-N1"), Map.entry("0xd40", "Neoverse-V1"),
            Map.entry("0xd49", "Neoverse-N2"), Map.entry("0xd4f", "Neoverse-V2"), Map.entry("0xd84", "Neoverse-V3"),
            Map.entry("0xd8e", "Neoverse-N3"));

    /** Reads {@code /proc/cpuinfo}; empty where there is none (not Linux). */
    public static Optional<CpuInfo> read() {
        return read(Path.of("/proc/cpuinfo"));
    }

    static Optional<CpuInfo> read(Path file) {
        try {
            return Optional.of(parse(Files.readString(file, StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Parses the text of {@code /proc/cpuinfo}, all of it or one processor's block. */
    public static CpuInfo parse(String text) {
        List<Map<String, String>> processors = new ArrayList<>();
        Map<String, String> common = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (key.equals("processor") && value.matches("\\d+")) {
                current = new LinkedHashMap<>();
                processors.add(current);
            }
            (current == null ? common : current).put(key, value);
        }
        Map<String, String> first = new LinkedHashMap<>(common);
        if (!processors.isEmpty()) {
            first.putAll(processors.get(0));
        }
        String flagText = first.getOrDefault("flags", first.getOrDefault("features", ""));
        Set<String> flags = new LinkedHashSet<>(Arrays.asList(flagText.split("\\s+")));
        flags.remove("");
        String architecture = first.containsKey("flags") ? "x86" : first.containsKey("features") ? "arm64" : "unknown";
        List<String> inference = INFERENCE_FEATURES.stream().filter(flags::contains).toList();
        return new CpuInfo(architecture, model(first), logical(processors, first),
                physical(architecture, processors, first), inference, flags);
    }

    /** Whether the processor has {@code feature}, under the kernel's name. */
    public boolean has(String feature) {
        return flags.contains(feature);
    }

    private static String model(Map<String, String> first) {
        if (first.containsKey("model name")) {
            return first.get("model name");
        }
        String part = first.get("cpu part");
        if (part != null && "0x41".equals(first.get("cpu implementer"))) {
            return ARM_PARTS.getOrDefault(part.toLowerCase(Locale.ROOT), "Arm part " + part);
        }
        return part == null ? null : "implementer " + first.get("cpu implementer") + " part " + part;
    }

    private static int logical(List<Map<String, String>> processors, Map<String, String> first) {
        if (processors.size() == 1 && first.containsKey("siblings")) {
            return Integer.parseInt(first.get("siblings"));
        }
        return processors.size();
    }

    private static int physical(String architecture, List<Map<String, String>> processors, Map<String, String> first) {
        if (architecture.equals("arm64")) {
            return processors.size();
        }
        Set<String> cores = new HashSet<>();
        Set<String> packages = new HashSet<>();
        for (Map<String, String> p : processors) {
            if (p.containsKey("core id")) {
                cores.add(p.get("physical id") + "/" + p.get("core id"));
                packages.add(p.get("physical id"));
            }
        }
        if (processors.size() > 1 && !cores.isEmpty()) {
            return cores.size();
        }
        return first.containsKey("cpu cores") ? Integer.parseInt(first.get("cpu cores")) * Math.max(1, packages.size())
                : 0;
    }
}
