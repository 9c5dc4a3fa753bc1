package io.github.qwenbench.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A package's three parts open in ONNX Runtime, with the names of their inputs and outputs checked
 * against the layout before anything is measured: the embedding takes {@code input_ids} and gives the
 * embeddings; the vision encoder takes {@code pixel_values} and the grid ({@code image_grid_thw} or
 * {@code grid_thw}), or in its place the values Hugging Face derives from the grid in Python
 * ({@link VisionGridValues}: {@code position_ids}, {@code cu_seqlens}, {@code interp_indices} and
 * {@code interp_weights}, {@code window_index} and {@code cu_window_seqlens}), and gives the image features
 * (and, for Qwen3-VL's DeepStack, {@code deepstack_features}); the decoder takes {@code inputs_embeds}, {@code attention_mask},
 * {@code position_ids} and {@code past_key_values.<i>.key/value} for every layer (and, where declared,
 * {@code deepstack_visual_embeds} and an older merged decoder's {@code use_cache_branch}) and gives
 * {@code logits} and {@code present.<i>.key/value}.
 */
public final class PackageGraphs implements AutoCloseable {

    static final String INPUT_IDS = "input_ids";
    static final String PIXEL_VALUES = "pixel_values";
    static final List<String> GRID_NAMES = List.of("image_grid_thw", "grid_thw");
    static final String DEEPSTACK_FEATURES = "deepstack_features";
    static final String INPUTS_EMBEDS = "inputs_embeds";
    static final String ATTENTION_MASK = "attention_mask";
    static final String POSITION_IDS = "position_ids";
    static final String DEEPSTACK_EMBEDS = "deepstack_visual_embeds";
    static final String USE_CACHE_BRANCH = "use_cache_branch";
    static final String LOGITS = "logits";

    private final OrtRuntime.Graph vision;
    private final OrtRuntime.Graph embed;
    private final OrtRuntime.Graph decoder;
    private final String gridInput;
    private final Map<String, OnnxJavaType> gridValues;
    private final PackageConfig.Vision tower;
    private final String featuresOutput;
    private final String embedsOutput;
    private final boolean deepstack;
    private final boolean cacheBranch;
    private final int vocabulary;

    private PackageGraphs(OrtRuntime.Graph vision, OrtRuntime.Graph embed, OrtRuntime.Graph decoder, String gridInput,
            Map<String, OnnxJavaType> gridValues, PackageConfig.Vision tower, String featuresOutput, String embedsOutput,
            boolean deepstack, boolean cacheBranch, int vocabulary) {
        this.vision = vision;
        this.embed = embed;
        this.decoder = decoder;
        this.gridInput = gridInput;
        this.gridValues = gridValues;
        this.tower = tower;
        this.featuresOutput = featuresOutput;
        this.embedsOutput = embedsOutput;
        this.deepstack = deepstack;
        this.cacheBranch = cacheBranch;
        this.vocabulary = vocabulary;
    }

    /** Opens the three parts of {@code pkg} and checks their inputs and outputs. */
    public static PackageGraphs open(OnnxPackage pkg, OrtRuntime.Options options, String what)
            throws BenchmarkSetupException {
        List<OrtRuntime.Graph> opened = new ArrayList<>();
        try {
            OrtRuntime.Graph vision = remember(opened, OrtRuntime.open(pkg.files().get(OnnxPackage.Part.VISION_ENCODER),
                    options.profiledAs("vision_encoder"), what + "'s vision encoder"));
            OrtRuntime.Graph embed = remember(opened, OrtRuntime.open(pkg.files().get(OnnxPackage.Part.EMBED_TOKENS),
                    options.profiledAs("embed_tokens"), what + "'s embedding"));
            OrtRuntime.Graph decoder = remember(opened, OrtRuntime.open(pkg.files().get(OnnxPackage.Part.DECODER),
                    options.profiledAs("decoder"), what + "'s decoder"));
            PackageConfig config = pkg.config();

            Map<String, NodeInfo> visionIn = vision.session().getInputInfo();
            String grid = GRID_NAMES.stream().filter(visionIn::containsKey).findFirst().orElse(null);
            Set<String> visionExpected = new LinkedHashSet<>(List.of(PIXEL_VALUES));
            if (grid != null) {
                visionExpected.add(grid); // one grid input: the plugin feeds one
            }
            visionExpected.addAll(VisionGridValues.NAMES);
            unexpected(vision, visionIn.keySet(), visionExpected, what + "'s vision encoder",
                    "pixel_values and image_grid_thw (or grid_thw), or in place of the grid the values Hugging Face"
                    + " derives from it: " + String.join(", ", VisionGridValues.NAMES));
            require(vision, visionIn.keySet(), PIXEL_VALUES, what + "'s vision encoder");
            Map<String, OnnxJavaType> gridValues = gridValues(vision, visionIn, config.vision(), pkg.root(), what);
            if (grid == null && gridValues.isEmpty()) {
                throw new BenchmarkSetupException(what + "'s vision encoder " + vision.file() + " has no grid input ("
                        + String.join(" or ", GRID_NAMES) + "), nor the values Hugging Face derives from the grid ("
                        + String.join(", ", VisionGridValues.NAMES) + "); it declares "
                        + OrtRuntime.describeInputs(vision.session()) + ". The plugin passes each image's (t, h, w)"
                        + " patch grid under one of those names, or the values derived from it.");
            }
            List<String> visionOut = new ArrayList<>(vision.session().getOutputNames());
            String features = visionOut.contains("image_features") ? "image_features"
                    : visionOut.stream().filter(n -> !n.equals(DEEPSTACK_FEATURES)).findFirst().orElse(visionOut.get(0));

            Map<String, NodeInfo> embedIn = embed.session().getInputInfo();
            unexpected(embed, embedIn.keySet(), Set.of(INPUT_IDS), what + "'s embedding", INPUT_IDS);
            require(embed, embedIn.keySet(), INPUT_IDS, what + "'s embedding");
            List<String> embedOut = new ArrayList<>(embed.session().getOutputNames());
            String embeds = embedOut.contains(INPUTS_EMBEDS) ? INPUTS_EMBEDS : embedOut.get(0);

            Map<String, NodeInfo> decoderIn = decoder.session().getInputInfo();
            Set<String> expected = new LinkedHashSet<>(List.of(INPUTS_EMBEDS, ATTENTION_MASK, POSITION_IDS));
            for (int i = 0; i < config.layers(); i++) {
                expected.add(pastKey(i));
                expected.add(pastValue(i));
            }
            for (String name : expected) {
                require(decoder, decoderIn.keySet(), name, what + "'s decoder (config.json says "
                        + config.layers() + " layers)");
            }
            boolean deepstack = decoderIn.containsKey(DEEPSTACK_EMBEDS);
            boolean branch = decoderIn.containsKey(USE_CACHE_BRANCH);
            expected.add(DEEPSTACK_EMBEDS);
            expected.add(USE_CACHE_BRANCH);
            unexpected(decoder, decoderIn.keySet(), expected, what + "'s decoder", "inputs_embeds, attention_mask,"
                    + " position_ids, past_key_values.<i>.key/value for each of the " + config.layers() + " layers, and"
                    + " optionally deepstack_visual_embeds and use_cache_branch");
            if (deepstack && !vision.session().getOutputNames().contains(DEEPSTACK_FEATURES)) {
                throw new BenchmarkSetupException(what + "'s decoder " + decoder.file() + " takes " + DEEPSTACK_EMBEDS
                        + ", but its vision encoder " + vision.file() + " gives no " + DEEPSTACK_FEATURES + " output"
                        + " (it gives " + vision.session().getOutputNames() + "): export both parts with DeepStack.");
            }
            for (String name : List.of(INPUTS_EMBEDS, pastKey(0))) {
                OnnxJavaType type = ((TensorInfo) decoderIn.get(name).getInfo()).type;
                if (type != OnnxJavaType.FLOAT) {
                    throw new BenchmarkSetupException(what + "'s decoder " + decoder.file() + " takes " + name + " as "
                            + type + "; the plugin runs float32 embeddings and caches (weights may be int8 or 4-bit, as"
                            + " in the _quantized and _q4 variants). Choose such a variant.");
                }
            }
            long[] positionShape = ((TensorInfo) decoderIn.get(POSITION_IDS).getInfo()).getShape();
            int rows = positionShape.length == 3 && positionShape[0] > 0 ? (int) positionShape[0] : -1;
            if (rows != 3) {
                throw new BenchmarkSetupException(what + "'s decoder " + decoder.file() + " takes position_ids as "
                        + OrtRuntime.describe(decoderIn.get(POSITION_IDS)) + "; the plugin feeds Qwen-VL's three rows of"
                        + " rotary positions, [3, batch, sequence].");
            }
            List<String> decoderOut = new ArrayList<>(decoder.session().getOutputNames());
            for (String name : presentNames(config.layers())) {
                if (!decoderOut.contains(name)) {
                    throw new BenchmarkSetupException(what + "'s decoder " + decoder.file() + " gives no " + name
                            + " output (it gives " + decoderOut + "): the plugin feeds each present.<i>.key/value back"
                            + " as the next step's past_key_values.<i>.key/value.");
                }
            }
            if (!decoderOut.contains(LOGITS)) {
                throw new BenchmarkSetupException(what + "'s decoder " + decoder.file() + " gives no logits output (it"
                        + " gives " + decoderOut + ").");
            }
            long[] logitsShape = ((TensorInfo) decoder.session().getOutputInfo().get(LOGITS).getInfo()).getShape();
            int vocabulary = logitsShape.length == 3 && logitsShape[2] > 0 ? (int) logitsShape[2]
                    : config.vocabularySize();
            return new PackageGraphs(vision, embed, decoder, grid, gridValues, config.vision(), features, embeds,
                    deepstack, branch, vocabulary);
        } catch (OrtException | RuntimeException e) {
            closeAll(opened);
            throw new BenchmarkSetupException(what + ": ONNX Runtime cannot describe its graphs: " + e.getMessage(), e);
        } catch (BenchmarkSetupException e) {
            closeAll(opened);
            throw e;
        }
    }

    /**
     * The values derived from the grid that the vision encoder declares, with their element types, checked
     * against what {@code config.json} must say to compute them and against the types Hugging Face uses.
     */
    private static Map<String, OnnxJavaType> gridValues(OrtRuntime.Graph vision, Map<String, NodeInfo> declared,
            PackageConfig.Vision tower, Path root, String what) throws BenchmarkSetupException, OrtException {
        Map<String, OnnxJavaType> values = new LinkedHashMap<>();
        for (String name : VisionGridValues.NAMES) {
            if (declared.containsKey(name)) {
                OnnxJavaType type = ((TensorInfo) declared.get(name).getInfo()).type;
                boolean weights = name.equals(VisionGridValues.INTERP_WEIGHTS);
                if (weights ? type != OnnxJavaType.FLOAT : type != OnnxJavaType.INT32 && type != OnnxJavaType.INT64) {
                    throw new BenchmarkSetupException(what + "'s vision encoder " + vision.file() + " takes " + name
                            + " as " + OrtRuntime.describe(declared.get(name)) + "; the plugin gives it as "
                            + (weights ? "float32" : "int32 or int64") + ", as Hugging Face computes it.");
                }
                values.put(name, type);
            }
        }
        for (List<String> pair : List.of(List.of(VisionGridValues.INTERP_INDICES, VisionGridValues.INTERP_WEIGHTS),
                List.of(VisionGridValues.WINDOW_INDEX, VisionGridValues.CU_WINDOW_SEQLENS))) {
            if (values.containsKey(pair.get(0)) != values.containsKey(pair.get(1))) {
                throw new BenchmarkSetupException(what + "'s vision encoder " + vision.file() + " takes "
                        + (values.containsKey(pair.get(0)) ? pair.get(0) : pair.get(1)) + " without "
                        + (values.containsKey(pair.get(0)) ? pair.get(1) : pair.get(0)) + "; Hugging Face's tower"
                        + " takes both or neither. Export it with both.");
            }
        }
        if (values.containsKey(VisionGridValues.INTERP_INDICES) && tower.positionGridSide() == 0) {
            throw new BenchmarkSetupException(what + "'s vision encoder " + vision.file() + " takes "
                    + VisionGridValues.INTERP_INDICES + ", but " + root.resolve("config.json") + " gives no square"
                    + " vision_config.num_position_embeddings to compute it from (Qwen3-VL's table of learned position"
                    + " embeddings).");
        }
        if (values.containsKey(VisionGridValues.WINDOW_INDEX) && tower.windowSize() == 0) {
            throw new BenchmarkSetupException(what + "'s vision encoder " + vision.file() + " takes "
                    + VisionGridValues.WINDOW_INDEX + ", but " + root.resolve("config.json") + " gives no"
                    + " vision_config.window_size to compute it from (Qwen2.5-VL's attention windows).");
        }
        return values;
    }

    private static OrtRuntime.Graph remember(List<OrtRuntime.Graph> opened, OrtRuntime.Graph graph) {
        opened.add(graph);
        return graph;
    }

    private static void closeAll(List<OrtRuntime.Graph> opened) {
        for (OrtRuntime.Graph g : opened) {
            try {
                g.close();
            } catch (OrtException | RuntimeException ignored) {
                // already failing: the first error is the one to report
            }
        }
    }

    private static void require(OrtRuntime.Graph graph, Set<String> declared, String name, String what)
            throws BenchmarkSetupException, OrtException {
        if (!declared.contains(name)) {
            throw new BenchmarkSetupException(what + " " + graph.file() + " has no input " + name + "; it declares "
                    + OrtRuntime.describeInputs(graph.session()) + ". Is it exported in the three-part layout?");
        }
    }

    private static void unexpected(OrtRuntime.Graph graph, Set<String> declared, Set<String> known, String what,
            String expected) throws BenchmarkSetupException, OrtException {
        for (String name : declared) {
            if (!known.contains(name)) {
                throw new BenchmarkSetupException(what + " " + graph.file() + " declares an input the layout does not"
                        + " have: " + name + " (all: " + OrtRuntime.describeInputs(graph.session()) + "). The plugin"
                        + " feeds " + expected + ".");
            }
        }
    }

    static String pastKey(int layer) {
        return "past_key_values." + layer + ".key";
    }

    static String pastValue(int layer) {
        return "past_key_values." + layer + ".value";
    }

    static List<String> presentNames(int layers) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            names.add("present." + i + ".key");
            names.add("present." + i + ".value");
        }
        return names;
    }

    OrtRuntime.Graph vision() {
        return vision;
    }

    OrtRuntime.Graph embed() {
        return embed;
    }

    OrtRuntime.Graph decoder() {
        return decoder;
    }

    String gridInput() {
        return gridInput;
    }

    /** The values derived from the grid that the vision encoder takes, with their element types. */
    Map<String, OnnxJavaType> gridValues() {
        return gridValues;
    }

    PackageConfig.Vision tower() {
        return tower;
    }

    String featuresOutput() {
        return featuresOutput;
    }

    String embedsOutput() {
        return embedsOutput;
    }

    /** Whether the decoder takes Qwen3-VL's DeepStack features. */
    public boolean deepstack() {
        return deepstack;
    }

    boolean cacheBranch() {
        return cacheBranch;
    }

    /** Logits per position: the decoder's own when its graph fixes them, else config.json's vocab_size. */
    int vocabulary() {
        return vocabulary;
    }

    @Override
    public void close() throws OrtException {
        closeAll(List.of(decoder, embed, vision));
    }

    /** Ends the profiling of the three sessions (opened with a profile prefix); returns their traces. */
    public List<Path> endProfiling() throws OrtException {
        List<Path> traces = new ArrayList<>();
        for (OrtRuntime.Graph graph : List.of(vision, embed, decoder)) {
            traces.add(graph.endProfiling());
        }
        return traces;
    }
}
