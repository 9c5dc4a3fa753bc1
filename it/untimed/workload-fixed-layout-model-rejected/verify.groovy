def log = new File(basedir, 'build.log').text
def conversations = new File(basedir, 'conversations.jsonl').canonicalPath

// Named before any suite measures: the model, the sample and its conversation's line, what it was
// given, the engine's reason, the layout it does accept, and the question.
assert log.contains('The baseline model ') && log.contains('baseline.pt rejected sample 0 of the workload (' + conversations
        + ' line 1), which gives it input_ids [1, ')
assert log.contains('pixel_values [280, 1536], image_grid_thw [1, 3] = [[1, 14, 20]]: RuntimeError: ')
assert log.contains('This model accepts only [1, 24] input_ids, [16, 1536] pixel_values and [1, 3] image_grid_thw'
        + ' (the layout of <inputs>, which it ran): was it traced for a fixed layout?')

// A broken set-up: BUILD ERROR with the message as its headline, no stack trace, no result.
assert log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') } != null
assert log.contains('MojoExecutionException')
assert !log.contains('\tat io.github.qwenbench')
assert !new File(basedir, 'target/benchmark-results/accuracy_benchmark_results.json').exists()
// What the model was given is there to look at.
assert new File(basedir, 'target/benchmark-results/inputs/sample-0.npz').isFile()
assert new File(basedir, 'target/benchmark-results/inputs/sample-0.txt').isFile()
