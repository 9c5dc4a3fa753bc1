package io.github.qwenbench.workload;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.qwenbench.model.InputFactory;
import io.github.qwenbench.model.NumpyArray;
import io.github.qwenbench.model.TensorInputs;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.WorkloadSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A workload's samples as the suites' inputs: sample k is conversation k's tensors, read from
 * {@code sample-<k>.npz} (written by {@link WorkloadPreparation}) and given to the forward arguments
 * of the same names. Indices past the last sample wrap around, as with any inputs.
 *
 * <p>A batch of conversations of different lengths is left-padded ({@link LeftPadding}) when the model
 * takes an {@code attention_mask} to tell padding from tokens. Without one, padding would change what
 * the model computes, so a batch holds conversations of one length only, repeated where fewer share
 * it; {@link #batching()} says which.
 */
public final class WorkloadInputs implements InputFactory {

    private final WorkloadSettings workload;
    private final List<InputSpec> inputs;
    private final long seed;
    private final SampleFiles files;
    private final int[] lengths;
    private final boolean padded;
    private final Set<String> batches = new LinkedHashSet<>();

    private WorkloadInputs(WorkloadSettings workload, List<InputSpec> inputs, long seed, int[] lengths) {
        this.workload = workload;
        this.inputs = List.copyOf(inputs);
        this.seed = seed;
        this.files = new SampleFiles(Path.of(workload.directory()));
        this.lengths = lengths;
        this.padded = inputs.stream().anyMatch(i -> i.name().equals(ModelInputs.ATTENTION_MASK));
    }

    /** The samples a preparation wrote for {@code plan}; fails when one is missing. */
    public static WorkloadInputs open(BenchmarkPlan plan) throws BenchmarkSetupException {
        WorkloadSettings workload = plan.workload();
        SampleFiles files = new SampleFiles(Path.of(workload.directory()));
        int[] lengths = new int[workload.samples()];
        for (int k = 0; k < lengths.length; k++) {
            Path npz = files.npz(k);
            if (!Files.isRegularFile(npz)) {
                throw new BenchmarkSetupException("The workload's sample " + k + " is missing (" + npz + "): the"
                        + " samples are prepared at the start of each goal; run the goal again, and do not clean"
                        + " " + files.directory() + " while it runs.");
            }
            long[] shape = NumpyArray.readHeader(npz, ModelInputs.INPUT_IDS).shape();
            lengths[k] = (int) shape[shape.length - 1];
        }
        return new WorkloadInputs(workload, plan.inputs(), plan.seed(), lengths);
    }

    @Override
    public List<InputSpec> inputs() {
        return inputs;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public NDList sample(NDManager manager, int index) {
        int k = Math.floorMod(index, lengths.length);
        NDList list = new NDList(inputs.size());
        for (InputSpec input : inputs) {
            list.add(array(manager, input.name(), read(k, input.name())));
        }
        return list;
    }

    @Override
    public NDList batch(NDManager manager, int first, int size, int dimension) {
        if (dimension != 0) {
            throw new IllegalArgumentException("a workload's batches stack along dimension 0, not " + dimension);
        }
        List<Integer> members = padded ? consecutive(first, size) : equalLength(first, size);
        List<ModelInputs> conversations = new ArrayList<>();
        for (int k : members) {
            conversations.add(conversation(k));
        }
        LeftPadding batch = LeftPadding.pad(conversations, workload.padTokenId());
        if (size > 1) {
            batches.add("batch of " + size + ": samples " + members + (padded ? ""
                    : " (" + lengths[members.get(0)] + " tokens)"));
        }
        NDList list = new NDList(inputs.size());
        for (InputSpec input : inputs) {
            list.add(array(manager, input.name(), batch.tensor(input.name())));
        }
        return list;
    }

    @Override
    public String batching() {
        if (batches.isEmpty()) {
            return null;
        }
        return (padded ? "conversations of different lengths are left-padded to the longest with token "
                + workload.padTokenId() + " and attention_mask 0, as Hugging Face pads for generation"
                : "the model takes no attention_mask, so a batch holds conversations of one length only, repeated"
                        + " where fewer share it") + ": " + String.join("; ", batches);
    }

    @Override
    public String describe(int index) {
        int k = Math.floorMod(index, lengths.length);
        return "sample " + k + " of the workload (" + workload.conversations() + " line " + workload.line(k) + ")";
    }

    /** Samples {@code first} to {@code first + size - 1}, wrapping around. */
    private List<Integer> consecutive(int first, int size) {
        List<Integer> members = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            members.add(Math.floorMod(first + i, lengths.length));
        }
        return members;
    }

    /** {@code size} samples of the length of sample {@code first}: those that share it, from there on, repeated. */
    private List<Integer> equalLength(int first, int size) {
        int start = Math.floorMod(first, lengths.length);
        List<Integer> sameLength = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            int k = (start + i) % lengths.length;
            if (lengths[k] == lengths[start]) {
                sameLength.add(k);
            }
        }
        List<Integer> members = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            members.add(sameLength.get(i % sameLength.size()));
        }
        return members;
    }

    /**
     * Sample {@code k} as one conversation for {@link LeftPadding}, from the tensors its file holds;
     * a tensor the models do not take (so not written) is filled in as the processor makes it.
     */
    private ModelInputs conversation(int k) {
        long[] ids = read(k, ModelInputs.INPUT_IDS).longs();
        long[] mask = padded ? read(k, ModelInputs.ATTENTION_MASK).longs() : ones(ids.length);
        long[] mm = has(ModelInputs.MM_TOKEN_TYPE_IDS) ? read(k, ModelInputs.MM_TOKEN_TYPE_IDS).longs()
                : new long[ids.length];
        int patchLength = VisionSettings.of(workload).patchLength();
        float[] pixels = has(ModelInputs.PIXEL_VALUES) ? read(k, ModelInputs.PIXEL_VALUES).floats() : new float[0];
        long[][] grid = new long[0][];
        if (has(ModelInputs.IMAGE_GRID_THW)) {
            long[] flat = read(k, ModelInputs.IMAGE_GRID_THW).longs();
            grid = new long[flat.length / 3][];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = new long[] {flat[3 * i], flat[3 * i + 1], flat[3 * i + 2]};
            }
        }
        return new ModelInputs(null, ids, mask, mm, pixels, patchLength, grid, null);
    }

    private boolean has(String name) {
        return inputs.stream().anyMatch(i -> i.name().equals(name));
    }

    private static long[] ones(int length) {
        long[] ones = new long[length];
        Arrays.fill(ones, 1);
        return ones;
    }

    private NumpyArray read(int k, String name) {
        try {
            return NumpyArray.read(files.npz(k), name);
        } catch (BenchmarkSetupException e) {
            throw new IllegalStateException("The workload's sample " + k + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static NDArray array(NDManager manager, String name, NumpyArray values) {
        NDArray array = manager.create(values.data().duplicate(), new Shape(values.shape()),
                TensorInputs.dataType(values.kind()));
        array.setName(name);
        return array;
    }
}
