package io.github.qwenbench.plan;

import java.io.File;

/**
 * A workload as configured in the pom ({@code <workload>}): conversations with images that Qwen3-VL's
 * preprocessing turns into each sample's model inputs, in place of {@code <inputs>}.
 */
public class WorkloadConfig {

    @Setting("A JSON-lines file, one `{\"messages\": [...]`} per line; image paths are relative to it.")
    private File conversations;

    @Setting("The model's Hugging Face `tokenizer.json`; default: a three-part ONNX package's own, beside its `config.json`.")
    private File tokenizer;

    @Setting("`groupId:artifactId:version[:type]` of the tokenizer: a `json` file (the default type), or a zip / tar.gz holding one `tokenizer.json`.")
    private String tokenizerArtifact;

    @Setting("A Jinja chat template file (or a JSON file with a `chat_template`); default: a package's own (`chat_template.jinja`, `chat_template.json` or `tokenizer_config.json`), else Qwen3-VL's published template, bundled.")
    private File chatTemplate;

    @Setting("Least pixels of a resized image; smaller images are upscaled. Default: a package's `preprocessor_config.json`, else 65536.")
    private Long minPixels;

    @Setting("Most pixels of a resized image. Default: a package's `preprocessor_config.json`, else 16777216.")
    private Long maxPixels;

    @Setting("Side of a patch in pixels. Default: a package's `preprocessor_config.json`, else 16.")
    private Integer patchSize;

    @Setting("Patches merged per side into one image token. Default: a package's `preprocessor_config.json`, else 2.")
    private Integer mergeSize;

    @Setting("Frames per patch: an image is repeated this many times. Default: a package's `preprocessor_config.json`, else 2.")
    private Integer temporalPatchSize;

    @Setting("How many conversations, from the first, are samples. Default: every one.")
    private Integer samples;

    public WorkloadConfig() {
    }

    public File getConversations() {
        return conversations;
    }

    public void setConversations(File conversations) {
        this.conversations = conversations;
    }

    public File getTokenizer() {
        return tokenizer;
    }

    public void setTokenizer(File tokenizer) {
        this.tokenizer = tokenizer;
    }

    public String getTokenizerArtifact() {
        return tokenizerArtifact;
    }

    public void setTokenizerArtifact(String tokenizerArtifact) {
        this.tokenizerArtifact = tokenizerArtifact;
    }

    public File getChatTemplate() {
        return chatTemplate;
    }

    public void setChatTemplate(File chatTemplate) {
        this.chatTemplate = chatTemplate;
    }

    public Long getMinPixels() {
        return minPixels;
    }

    public void setMinPixels(Long minPixels) {
        this.minPixels = minPixels;
    }

    public Long getMaxPixels() {
        return maxPixels;
    }

    public void setMaxPixels(Long maxPixels) {
        this.maxPixels = maxPixels;
    }

    public Integer getPatchSize() {
        return patchSize;
    }

    public void setPatchSize(Integer patchSize) {
        this.patchSize = patchSize;
    }

    public Integer getMergeSize() {
        return mergeSize;
    }

    public void setMergeSize(Integer mergeSize) {
        this.mergeSize = mergeSize;
    }

    public Integer getTemporalPatchSize() {
        return temporalPatchSize;
    }

    public void setTemporalPatchSize(Integer temporalPatchSize) {
        this.temporalPatchSize = temporalPatchSize;
    }

    public Integer getSamples() {
        return samples;
    }

    public void setSamples(Integer samples) {
        this.samples = samples;
    }
}
