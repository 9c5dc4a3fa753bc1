def log = new File(basedir, 'build.log').text
def failed = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert failed.contains('At scalability point batch=2: The candidate model ')
assert failed.contains('batch1.pt rejected its inputs [x float32(2, 64)]')
assert failed.contains('If the model supports only some sizes, leave the others out of <scalability>.')
assert log.contains('MojoExecutionException')
assert !new File(basedir, 'target/benchmark-results/scalability_benchmark_results.json').exists()
