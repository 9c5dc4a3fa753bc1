package io.github.qwenbench.onnx;

import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A vision-language model in the three-part ONNX layout of Hugging Face's {@code onnx-community}
 * repositories and transformers.js: {@code onnx/vision_encoder.onnx} (pixels and grid to image
 * features), {@code onnx/embed_tokens.onnx} (token ids to embeddings) and
 * {@code onnx/decoder_model_merged.onnx} (embeddings, mask, positions and past key values to logits and
 * present key values), each in variants named by a suffix ({@code _fp16}, {@code _quantized},
 * {@code _q4}, ...), next to {@code config.json} and the files that drive preprocessing. A part's weights
 * may sit beside it in external-data files ({@code <file>_data}, {@code <file>_data_1}, ...), which ONNX
 * Runtime finds by itself.
 */
public final class OnnxPackage {

    /** The three parts, by the file names the layout gives them. */
    public enum Part {
        VISION_ENCODER("vision_encoder"),
        EMBED_TOKENS("embed_tokens"),
        DECODER("decoder_model_merged");

        private final String fileName;

        Part(String fileName) {
            this.fileName = fileName;
        }

        /** The file name without variant suffix and extension. */
        public String fileName() {
            return fileName;
        }
    }

    /**
     * The variants asked for: one for every part, and any part's own.
     *
     * @param all the variant of the parts not named, or null for full precision
     * @param parts the parts named, with theirs
     */
    public record Variants(String all, Map<Part, String> parts) {

        /**
         * Parses {@code q4}, or {@code q4,vision_encoder=fp32}, or {@code decoder_model_merged=q4} (the
         * others at full precision).
         *
         * @param setting the setting's name for messages
         */
        public static Variants parse(String text, String setting) throws BenchmarkSetupException {
            String all = null;
            Map<Part, String> parts = new EnumMap<>(Part.class);
            if (text == null || text.isBlank()) {
                return new Variants(null, parts);
            }
            for (String item : text.split(",")) {
                String t = item.trim().toLowerCase(Locale.ROOT);
                int eq = t.indexOf('=');
                if (eq < 0) {
                    all = t;
                    continue;
                }
                String name = t.substring(0, eq).trim();
                Part part = null;
                for (Part p : Part.values()) {
                    part = p.fileName().equals(name) ? p : part;
                }
                if (part == null) {
                    throw new BenchmarkSetupException(setting + " is '" + text + "': '" + name + "' is not a part of"
                            + " the layout (vision_encoder, embed_tokens, decoder_model_merged).");
                }
                parts.put(part, t.substring(eq + 1).trim());
            }
            return new Variants(all, parts);
        }
    }

    /** The variant without suffix: the full-precision export. */
    public static final String FULL_PRECISION = "fp32";

    private static final Pattern VARIANT = Pattern.compile("[a-z0-9]+(_[a-z0-9]+)*");

    private final Path root;
    private final Map<Part, Path> files;
    private final Map<Part, String> variants;
    private final PackageConfig config;

    private OnnxPackage(Path root, Map<Part, Path> files, Map<Part, String> variants, PackageConfig config) {
        this.root = root;
        this.files = Collections.unmodifiableMap(files);
        this.variants = Collections.unmodifiableMap(variants);
        this.config = config;
    }

    /** Whether {@code folder} looks like a package: an {@code onnx} folder holding a decoder of the layout. */
    public static boolean isPackage(Path folder) {
        return Files.isDirectory(folder) && !available(folder.resolve("onnx"), Part.DECODER).isEmpty();
    }

    /**
     * Opens the package in {@code root} with every part in {@code variant}, except the parts
     * {@code partVariants} names (a q4 decoder beside a full-precision vision encoder, say).
     *
     * @param what the package in words for messages, e.g. {@code <candidate><package>}
     */
    public static OnnxPackage open(Path root, String variant, Map<Part, String> partVariants, String what)
            throws BenchmarkSetupException {
        if (!Files.isDirectory(root)) {
            throw new BenchmarkSetupException(what + " " + root + " is not a folder. A package is a folder (or a .zip or"
                    + " .tar.gz of one) holding onnx/vision_encoder.onnx, onnx/embed_tokens.onnx,"
                    + " onnx/decoder_model_merged.onnx and config.json.");
        }
        Path onnx = root.resolve("onnx");
        Map<Part, Path> files = new EnumMap<>(Part.class);
        Map<Part, String> chosen = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            String wanted = partVariants.getOrDefault(part, variant == null || variant.isBlank() ? FULL_PRECISION
                    : variant.trim().toLowerCase(Locale.ROOT));
            if (!VARIANT.matcher(wanted).matches()) {
                throw new BenchmarkSetupException(what + ": the variant '" + wanted + "' is not a file suffix (letters,"
                        + " digits and underscores, e.g. q4, quantized, fp16; fp32 for the files without suffix).");
            }
            Path file = onnx.resolve(fileName(part, wanted));
            if (!Files.isRegularFile(file)) {
                List<String> there = available(onnx, part);
                throw new BenchmarkSetupException(what + " " + root + " has no " + root.relativize(file) + " (the "
                        + part.fileName() + " part in variant " + wanted + "). "
                        + (there.isEmpty() ? "The folder has no " + part.fileName() + " file at all: is it a package in"
                                + " the three-part layout (onnx/vision_encoder, onnx/embed_tokens, onnx/decoder_model_merged)?"
                                : "Variants of that part there: " + String.join(", ", there) + "."));
            }
            files.put(part, file);
            chosen.put(part, wanted);
        }
        return new OnnxPackage(root, files, chosen, PackageConfig.read(root, what));
    }

    /** The file of {@code part} in {@code variant}. */
    static String fileName(Part part, String variant) {
        return part.fileName() + (FULL_PRECISION.equals(variant) ? "" : "_" + variant) + ".onnx";
    }

    /** The variants of {@code part} present in {@code onnx}, sorted ({@code fp32} for the file without suffix). */
    static List<String> available(Path onnx, Part part) {
        if (!Files.isDirectory(onnx)) {
            return List.of();
        }
        Pattern name = Pattern.compile(Pattern.quote(part.fileName()) + "(?:_([a-z0-9_]+))?\\.onnx");
        TreeSet<String> found = new TreeSet<>();
        try (Stream<Path> listing = Files.list(onnx)) {
            listing.forEach(p -> {
                Matcher m = name.matcher(p.getFileName().toString());
                if (m.matches()) {
                    found.add(m.group(1) == null ? FULL_PRECISION : m.group(1));
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        return new ArrayList<>(found);
    }

    public Path root() {
        return root;
    }

    /** The file of each part. */
    public Map<Part, Path> files() {
        return files;
    }

    /** The variant of each part. */
    public Map<Part, String> variants() {
        return variants;
    }

    public PackageConfig config() {
        return config;
    }

    /** The variants as {@code <variant>} spells them: one name when all parts agree, else each part's ({@code part=variant}). */
    public String describeVariants() {
        if (new TreeSet<>(variants.values()).size() == 1) {
            return variants.get(Part.DECODER);
        }
        List<String> parts = new ArrayList<>();
        variants.forEach((part, v) -> parts.add(part.fileName() + "=" + v));
        return String.join(", ", parts);
    }

    /** The ONNX graph files {@code model} runs: the file itself, or a package's parts in its variant. */
    public static List<Path> graphFiles(ModelFile model) throws BenchmarkSetupException {
        if (!ModelFile.ONNX_PACKAGE.equals(model.engine())) {
            return List.of(Path.of(model.path()));
        }
        Variants chosen = Variants.parse(model.variant(), "<" + model.role() + "><variant>");
        return List.copyOf(open(Path.of(model.path()), chosen.all(), chosen.parts(), "the " + model.role() + " package")
                .files().values());
    }

    /**
     * The bytes of a part on disk: its graph and its external-data files ({@code <file>_data},
     * {@code <file>_data_1}, ...).
     */
    public long bytes(Part part) throws IOException {
        Path file = files.get(part);
        String prefix = file.getFileName().toString() + "_data";
        long total = Files.size(file);
        try (Stream<Path> listing = Files.list(file.getParent())) {
            for (Path p : (Iterable<Path>) listing::iterator) {
                String n = p.getFileName().toString();
                if (n.equals(prefix) || n.startsWith(prefix + "_")) {
                    total += Files.size(p);
                }
            }
        }
        return total;
    }
}
