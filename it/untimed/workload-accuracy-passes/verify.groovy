def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/accuracy_benchmark_results.json'))

// Both models ran every conversation before the suite, then the suite compared them on each.
assert log.contains('workload: the baseline model runs every sample')
assert log.contains('workload: the candidate model runs every sample')
assert log =~ /3 samples of \d+ to 94 tokens with 1 image, preprocessed in/
assert result.passed == true
assert result.metrics.outputs[0].samples == 3
assert result.metrics.outputs[0].worstRelativeL2Error < 0.01

// The inputs are the workload's tensors, by forward argument, and the result records the workload.
assert result.config.inputs*.name == ['input_ids', 'pixel_values', 'image_grid_thw']
assert result.config.inputs.every { it.distribution == 'workload' }
def workload = result.config.workload
assert workload.conversations == new File(basedir, 'conversations.jsonl').canonicalPath
assert workload.conversationsSha256 ==~ /[0-9a-f]{64}/ && workload.tokenizerSha256 ==~ /[0-9a-f]{64}/
assert workload.template == 'Qwen3-VL chat template (bundled)'
assert workload.templateSha256 == '3636d0f0bd6bef02654cdffdc447b79cb2cef8ab02cc75267345946291a489e4'
assert workload.samples == 3 && workload.lines == [1, 2, 3]
assert workload.minPixels == 65536 && workload.maxPixels == 16777216 && workload.patchSize == 16
assert new File(basedir, 'target/benchmark-results/inputs/sample-1.npz').isFile()
assert log.contains('BUILD SUCCESS')
