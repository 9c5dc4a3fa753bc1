def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/system_benchmark_results.json'))
def candidate = result.metrics.models[1]
assert candidate.load.startsWith('open loop, 3000.0 requests/s (Poisson), 1 threads')
// at about 2 ms per request one thread serves about 500 requests/s: the rest waits in the queue, and
// latency counts from each request's scheduled arrival, so every turn of one second shows it
def windows = candidate.windows
assert windows.size() == 2
assert windows.every { it.queueDepth > 100 && it.p50Millis > 50 }
assert candidate.latency.p99Millis > 1000
assert candidate.dropped > 0
