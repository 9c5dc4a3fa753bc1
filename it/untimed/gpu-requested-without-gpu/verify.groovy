// the versions the plugin's pom declares, not this machine's
def pluginPom = new groovy.xml.XmlSlurper().parse(new File(basedir, '../../../../pom.xml'))
def log = new File(basedir, 'build.log').text
// The plugin ships the CPU natives only: asking for a GPU names the setting, what is missing and what to add.
assert log.contains('engine/device is gpu:0, but the PyTorch natives loaded from ')
assert log.contains(' are a CPU build, which cannot use a GPU.')
assert log.contains('ai.djl.pytorch:pytorch-native-cu128:' + pluginPom.properties.'pytorch.version'.text() + ' (classifier linux-x86_64)')
assert log.contains('PYTORCH_FLAVOR=cu128')
assert log.contains('Or set engine/device to cpu.')

// A broken set-up is a BUILD ERROR (MojoExecutionException), not a missed target, and leaves no result.
assert log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') } != null
assert log.contains('MojoExecutionException')
assert !log.contains('MojoFailureException')
assert !log.contains('\tat io.github.qwenbench')
assert !new File(basedir, 'target/benchmark-results/accuracy_benchmark_results.json').exists()
