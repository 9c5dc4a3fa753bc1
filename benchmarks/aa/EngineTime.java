import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.NoopTranslator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Median ms per call of Qwen3-VL-shaped TorchScript models in the plugin's engine (DJL's PyTorch), with
 * the aa pom's inputs: input_ids rows of demo-inputs.npz, normal pixel_values [batch*16, 1536], the
 * grid [1, 4, 4] per sample. Run by make_models.py on the plugin's classpath:
 * {@code java -cp CLASSPATH EngineTime.java THREADS demo-inputs.npz 1,8 model.pt...}
 */
public class EngineTime {
    public static void main(String[] args) throws Exception {
        String threads = args[0];
        System.setProperty("ai.djl.pytorch.num_threads", threads);
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        int[] batches = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDList npz = NDList.decode(manager, Files.newInputStream(Paths.get(args[1])));
            NDArray ids = npz.get("input_ids");
            NDArray grid = npz.get("image_grid_thw");
            manager.getEngine().setRandomSeed(5);
            for (int a = 3; a < args.length; a++) {
                Path path = Paths.get(args[a]);
                StringBuilder line = new StringBuilder(String.format("%-14s", path.getFileName()));
                try (Model model = Model.newInstance(path.getFileName().toString(), "PyTorch")) {
                    model.load(path);
                    try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
                        for (int b : batches) {
                            NDList in = new NDList(ids.get("0:" + b), manager.randomNormal(new Shape(16L * b, 1536)),
                                    grid.repeat(0, b));
                            line.append(String.format(" b%d %8.2f  ", b, medianMs(predictor, in)));
                        }
                    }
                }
                System.out.println(line + " (" + JniUtils.getNumThreads() + " thread" + ("1".equals(threads) ? "" : "s")
                        + ")");
            }
        }
    }

    /** Five warm-up calls, then at least 3 and at most 40 measured calls, stopping once 3 s are spent. */
    static double medianMs(Predictor<NDList, NDList> predictor, NDList in) throws Exception {
        for (int i = 0; i < 5; i++) {
            predictor.predict(in).close();
        }
        double[] times = new double[40];
        int n = 0;
        double spent = 0;
        while (n < times.length && (n < 3 || spent < 3000)) {
            long start = System.nanoTime();
            predictor.predict(in).close();
            times[n] = (System.nanoTime() - start) / 1e6;
            spent += times[n++];
        }
        double[] measured = Arrays.copyOf(times, n);
        Arrays.sort(measured);
        return n % 2 == 1 ? measured[n / 2] : (measured[n / 2 - 1] + measured[n / 2]) / 2;
    }
}
