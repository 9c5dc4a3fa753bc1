def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/accuracy_benchmark_results.json'))
def task = result.metrics.task

// the model against itself: the same answers, the same scores, no item only one of them gets right
assert task.items == 44
assert task.perItem.every { it.baselineAnswer == it.candidateAnswer && it.baselineScore == it.candidateScore }
assert task.baselineScore == task.candidateScore && task.onlyBaselineRight == 0 && task.onlyCandidateRight == 0
assert task.drop.meanDrop == 0

// the drop's bounds have width (never a zero-width interval) and the upper one is within 0.10: PASS
def gate = result.gates.find { it.name == 'maxTaskAccuracyDrop' }
assert gate.verdict == 'PASS'
assert gate.lower < 0 && gate.upper > 0 && gate.upper < 0.10
assert result.passed == true

// the HTML report shows the scores and every item
def html = new File(basedir, 'target/benchmark-results/index.html').text
assert html.contains('Task accuracy') && html.contains('<th>baseline answer</th>')
