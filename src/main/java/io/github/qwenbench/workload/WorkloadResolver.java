package io.github.qwenbench.workload;

import io.github.qwenbench.model.ArtifactResolver;
import io.github.qwenbench.model.ModelResolver;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.WorkloadConfig;
import io.github.qwenbench.plan.WorkloadSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Validates a configured {@code <workload>} on the Maven side, before any worker starts: reads every
 * conversation (JSON, roles, content types, image files), finds the tokenizer (a path, or Maven
 * coordinates resolved as model artifacts are) and checks its Qwen3-VL special tokens, reads the chat
 * template, checks the vision settings, and records the SHA-256 of each file. Every error names the
 * setting and what to do.
 */
public final class WorkloadResolver {

    private static final String TOKENIZER_JSON = "tokenizer.json";

    private final ArtifactResolver artifacts;
    private final Path unpackDirectory;

    /**
     * @param artifacts resolves {@code <tokenizerArtifact>} coordinates
     * @param unpackDirectory where a tokenizer archive is unpacked
     */
    public WorkloadResolver(ArtifactResolver artifacts, Path unpackDirectory) {
        this.artifacts = artifacts;
        this.unpackDirectory = unpackDirectory;
    }

    /**
     * @param config the pom's {@code <workload>}
     * @param directory where the samples will be written
     * @param replacedInputs the {@code <inputs>} the workload replaces, or an empty list
     */
    public WorkloadSettings resolve(WorkloadConfig config, Path directory, List<InputSpec> replacedInputs)
            throws BenchmarkSetupException {
        return resolve(config, directory, replacedInputs, null, null);
    }

    /**
     * As {@link #resolve(WorkloadConfig, Path, List)}, with a model's folder (a three-part package) whose
     * tokenizer, chat template and image processor settings stand in for those the pom does not give.
     *
     * @param folder the package's folder, or null
     * @param folderRole whose package it is ({@code baseline} or {@code candidate}), for messages and results
     */
    public WorkloadSettings resolve(WorkloadConfig config, Path directory, List<InputSpec> replacedInputs,
            Path folder, String folderRole) throws BenchmarkSetupException {
        PackageFiles pkg = folder == null ? new PackageFiles(null, null, null, null) : PackageFiles.read(folder);
        String fromPackage = "the " + folderRole + " package's ";
        if (config.getConversations() == null) {
            throw new BenchmarkSetupException("workload/conversations is not set: give the JSON-lines file of"
                    + " conversations, one {\"messages\": [...]} per line.");
        }
        Path file = config.getConversations().toPath().toAbsolutePath().normalize();
        List<Conversation> conversations;
        try {
            conversations = ConversationsFile.read(file);
        } catch (BenchmarkSetupException e) {
            throw new BenchmarkSetupException("workload/conversations: " + e.getMessage(), e);
        }
        int samples = conversations.size();
        if (config.getSamples() != null) {
            samples = config.getSamples();
            if (samples < 1 || samples > conversations.size()) {
                throw new BenchmarkSetupException("workload/samples is " + samples + ", but " + file + " holds "
                        + conversations.size() + " conversations: give a number from 1 to " + conversations.size()
                        + ", or leave it out to take every conversation.");
            }
        }
        List<Integer> lines = conversations.subList(0, samples).stream().map(Conversation::line).toList();

        boolean packageTokenizer = config.getTokenizer() == null && blank(config.getTokenizerArtifact())
                && pkg.tokenizer() != null;
        Path tokenizer = packageTokenizer ? pkg.tokenizer() : tokenizer(config);
        String tokenizerSetting = packageTokenizer ? fromPackage + "tokenizer.json" : tokenizerSetting(config);
        long padTokenId;
        try {
            padTokenId = QwenTokenizer.checkAddedTokens(tokenizer);
        } catch (BenchmarkSetupException e) {
            throw new BenchmarkSetupException(tokenizerSetting + ": " + e.getMessage(), e);
        }

        ChatTemplate template;
        Path templateFile = null;
        if (config.getChatTemplate() == null && pkg.chatTemplate() != null) {
            templateFile = pkg.chatTemplate();
            template = ChatTemplate.fromFile(templateFile);
        } else if (config.getChatTemplate() == null) {
            template = ChatTemplate.qwen3Vl();
        } else {
            templateFile = config.getChatTemplate().toPath().toAbsolutePath().normalize();
            if (!Files.isRegularFile(templateFile)) {
                throw new BenchmarkSetupException("workload/chatTemplate " + templateFile + " does not exist: fix the"
                        + " path (relative paths start at the project's directory), or leave <chatTemplate> out to"
                        + " use Qwen3-VL's template, which the plugin bundles.");
            }
            template = ChatTemplate.fromFile(templateFile);
        }

        VisionSettings defaults = pkg.vision() == null ? VisionSettings.qwen3Vl() : pkg.vision();
        int patchSize = atLeastOne("workload/patchSize", config.getPatchSize(), defaults.patchSize());
        int mergeSize = atLeastOne("workload/mergeSize", config.getMergeSize(), defaults.mergeSize());
        int temporalPatchSize = atLeastOne("workload/temporalPatchSize", config.getTemporalPatchSize(),
                defaults.temporalPatchSize());
        long minPixels = config.getMinPixels() == null ? defaults.minPixels() : config.getMinPixels();
        long maxPixels = config.getMaxPixels() == null ? defaults.maxPixels() : config.getMaxPixels();
        if (minPixels < 1) {
            throw new BenchmarkSetupException("workload/minPixels is " + minPixels + ", but it must be at least 1"
                    + " (Qwen3-VL's default is " + defaults.minPixels() + ").");
        }
        if (maxPixels < minPixels) {
            throw new BenchmarkSetupException("workload/maxPixels is " + maxPixels + ", below workload/minPixels ("
                    + minPixels + "): raise maxPixels or lower minPixels (Qwen3-VL's defaults are "
                    + defaults.minPixels() + " and " + defaults.maxPixels() + ").");
        }
        String tokenizerSource = packageTokenizer ? tokenizerSetting + " " + tokenizer
                : tokenizerSetting + " " + (config.getTokenizer() != null ? config.getTokenizer()
                        : config.getTokenizerArtifact().trim());
        return new WorkloadSettings(file.toString(), ModelResolver.sha256(file), lines, tokenizer.toString(),
                tokenizerSource, ModelResolver.sha256(tokenizer), padTokenId,
                templateFile == null ? null : templateFile.toString(), template.name(), template.sha256(), minPixels,
                maxPixels, patchSize, mergeSize, temporalPatchSize, defaults.mean(), defaults.std(), samples,
                directory.toAbsolutePath().toString(), replacedInputs);
    }

    /** The tokenizer.json: the configured file, or the resolved artifact (unpacked when an archive). */
    private Path tokenizer(WorkloadConfig config) throws BenchmarkSetupException {
        File path = config.getTokenizer();
        String coordinates = config.getTokenizerArtifact() == null || config.getTokenizerArtifact().isBlank() ? null
                : config.getTokenizerArtifact().trim();
        if (path != null && coordinates != null) {
            throw new BenchmarkSetupException("workload has both <tokenizer> and <tokenizerArtifact>: keep one.");
        }
        if (path == null && coordinates == null) {
            throw new BenchmarkSetupException("workload/tokenizer is not set: give the model's tokenizer.json with"
                    + " <tokenizer>path/to/tokenizer.json</tokenizer>, or its Maven coordinates with"
                    + " <tokenizerArtifact>groupId:artifactId:version[:type]</tokenizerArtifact> (a three-part ONNX"
                    + " package with a tokenizer.json beside its config.json gives its own).");
        }
        if (path != null) {
            Path file = path.toPath().toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new BenchmarkSetupException("workload/tokenizer " + file + " does not exist: point it at the"
                        + " model's tokenizer.json (Hugging Face format); relative paths start at the project's"
                        + " directory.");
            }
            return file;
        }
        String[] parts = coordinates.split(":");
        if (parts.length < 3 || parts.length > 4) {
            throw new BenchmarkSetupException("workload/tokenizerArtifact is '" + coordinates + "', which is not"
                    + " groupId:artifactId:version[:type] (type json, the default, zip or tar.gz).");
        }
        Path resolved = artifacts.resolve(parts.length == 3 ? coordinates + ":json" : coordinates,
                "workload/tokenizerArtifact");
        if (!ModelResolver.isArchive(resolved)) {
            return resolved;
        }
        List<Path> found;
        try {
            found = ModelResolver.unpack(resolved, unpackDirectory.resolve("tokenizer"), TOKENIZER_JSON::equals);
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot unpack workload/tokenizerArtifact " + coordinates + " ("
                    + resolved + "): " + e.getMessage() + ". Check that it is a valid .zip or .tar.gz.", e);
        }
        if (found.size() != 1) {
            throw new BenchmarkSetupException("workload/tokenizerArtifact " + coordinates + " (" + resolved + ") holds "
                    + found.size() + " files named " + TOKENIZER_JSON + ", but it must hold exactly one.");
        }
        return found.get(0);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String tokenizerSetting(WorkloadConfig config) {
        return config.getTokenizer() != null ? "workload/tokenizer" : "workload/tokenizerArtifact";
    }

    private static int atLeastOne(String setting, Integer value, int fallback) throws BenchmarkSetupException {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new BenchmarkSetupException(setting + " is " + value + ", but it must be at least 1 (Qwen3-VL's is "
                    + fallback + ").");
        }
        return value;
    }
}
