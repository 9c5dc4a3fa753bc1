def log = new File(basedir, 'build.log').text
def slurp = { name -> new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/' + name)) }
assert log.contains("inputs/input 'images' is not an argument of the baseline model")
assert log.contains('forward(input_ids, pixel_values, image_grid_thw)')

// A broken set-up is a BUILD ERROR (MojoExecutionException) whose headline is the message, not a stack trace.
def failed = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert failed != null
assert log.contains('MojoExecutionException')
assert !log.contains('\tat io.github.qwenbench')
assert !new File(basedir, 'target/benchmark-results/accuracy_benchmark_results.json').exists()
