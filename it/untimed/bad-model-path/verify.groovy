def log = new File(basedir, 'build.log').text
def slurp = { name -> new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/' + name)) }
assert log.contains('Model file not found: ' + new File(basedir, 'models/missing.pt').canonicalPath)
assert log.contains('<candidate><path>')

// A broken set-up is a BUILD ERROR (MojoExecutionException) whose headline is the message, not a stack trace.
def failed = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert failed != null
assert log.contains('MojoExecutionException')
assert !log.contains('\tat io.github.qwenbench')
assert !new File(basedir, 'target/benchmark-results/accuracy_benchmark_results.json').exists()
