def log = new File(basedir, 'build.log').text
def slurp = { name -> new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/' + name)) }
assert log.contains('rejected its inputs [input_ids int64(1, 24), pixel_values float32(16, 1000), image_grid_thw int64(1, 3)]')
assert log =~ /RuntimeError: .*1000/

// A broken set-up is a BUILD ERROR (MojoExecutionException) whose headline is the message, not a stack trace.
def failed = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert failed != null
assert log.contains('MojoExecutionException')
assert !log.contains('\tat io.github.qwenbench')
assert !new File(basedir, 'target/benchmark-results/accuracy_benchmark_results.json').exists()
