import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text
def inputs = new File(basedir, 'target/benchmark-results/inputs')
def references = new File(basedir, '../../../../src/test/workload/references')

/** One array of an .npz file, as numpy.load reads it: element type, shape and (for int64) the values. */
def npy = { File npz, String name ->
    def zip = new ZipFile(npz)
    try {
        def entry = zip.getEntry(name + '.npy')
        assert entry != null : "$npz holds no $name"
        byte[] bytes = zip.getInputStream(entry).bytes
        assert bytes[0] == (byte) 0x93 && new String(bytes, 1, 5, 'ISO-8859-1') == 'NUMPY'
        int headerLength = (bytes[8] & 0xff) | ((bytes[9] & 0xff) << 8)
        def header = new String(bytes, 10, headerLength, 'ISO-8859-1')
        def shape = (header =~ /'shape': \(([^)]*)\)/)[0][1].split(',')*.trim().findAll { it }.collect { it as long }
        def descr = (header =~ /'descr': '([^']*)'/)[0][1]
        def data = ByteBuffer.wrap(bytes, 10 + headerLength, bytes.length - 10 - headerLength).order(ByteOrder.LITTLE_ENDIAN)
        def values = []
        if (descr == '<i8') {
            while (data.remaining() >= 8) {
                values << data.getLong()
            }
        }
        [descr: descr, shape: shape, values: values, entries: zip.entries().collect { it.name }]
    } finally {
        zip.close()
    }
}

// One .npz and one .txt per conversation, and nothing benchmarked.
(0..2).each { k ->
    assert new File(inputs, "sample-${k}.npz").isFile()
    assert new File(inputs, "sample-${k}.txt").isFile()
}
assert !new File(inputs, 'sample-3.npz').exists()
assert new File(inputs, 'workload.json').isFile()
assert !new File(basedir, 'target/benchmark-results').listFiles().any { it.name.endsWith('_benchmark_results.json') }

// One array per forward argument of baseline.pt, forward(input_ids, pixel_values, image_grid_thw).
def ids = npy(new File(inputs, 'sample-1.npz'), 'input_ids')
assert ids.entries == ['input_ids.npy', 'pixel_values.npy', 'image_grid_thw.npy']
assert ids.descr == '<i8'
assert npy(new File(inputs, 'sample-1.npz'), 'pixel_values').descr == '<f4'
assert npy(new File(inputs, 'sample-1.npz'), 'pixel_values').shape == [280, 1536]
assert npy(new File(inputs, 'sample-1.npz'), 'image_grid_thw').values == [1, 14, 20]
assert npy(new File(inputs, 'sample-0.npz'), 'pixel_values').shape == [0, 1536]

// The token ids and the prompt are Hugging Face's (references made by its Qwen3VLProcessor).
[0: 'text_only', 1: 'multi_turn'].each { k, name ->
    def written = npy(new File(inputs, "sample-${k}.npz"), 'input_ids')
    def expected = npy(new File(references, "${name}.npz"), 'input_ids')
    assert written.shape == [1L, (long) expected.values.size()]
    assert written.values == expected.values : "sample $k differs from the $name reference"
    assert new File(inputs, "sample-${k}.txt").getText('UTF-8') == new File(references, "${name}.txt").getText('UTF-8')
}
assert npy(new File(inputs, 'sample-2.npz'), 'image_grid_thw').shape == [2, 3]

// The log says what each sample holds, and once that the workload replaced the parent's <inputs>.
assert log.contains('sample 1 (line 2): 124 tokens, 1 image (grid [1, 14, 20]), 280 patches of 1536 values; preprocessing ')
assert log =~ /sample 2 \(line 3\): \d+ tokens, 2 images \(grids \[1, \d+, \d+\], \[1, 14, 20\]\)/
assert log =~ /\(images [0-9.]+, template [0-9.]+, tokenization [0-9.]+\)/
assert log.count('Both <inputs> and <workload> are configured') == 1
assert log.count('sample 1 (line 2): 124 tokens') == 2
assert log =~ /3 samples of 20 to 156 tokens with 3 images, preprocessed in [0-9.]+ ms; sample-<k>.npz/
assert log =~ /3 samples of 20 to 156 tokens with 3 images, preprocessed in [0-9.]+ ms; prepared earlier in this build/
assert log.contains('BUILD SUCCESS')
