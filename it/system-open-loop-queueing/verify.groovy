def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/system_benchmark_results.json'))
def candidate = result.metrics.models[1]
assert candidate.load.startsWith('open loop, 3000.0 requests/s (Poisson), 1 threads')
// at about 2 ms per request one thread serves about 500 requests/s: the rest waits in the queue
def windows = candidate.windows
assert windows.size() == 6
assert windows[-1].queueDepth > windows[0].queueDepth
assert windows[-1].p50Millis > 5 * windows[0].p50Millis
assert candidate.latency.p99Millis > 1000
assert candidate.dropped > 0
