def log = new File(basedir, 'build.log').text
def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/benchmark-results/accuracy_benchmark_results.json'))
def task = result.metrics.task

// every line of the file carries answers: all 44 were answered and scored, by the rule each names
assert task.items == 44 && task.perItem.size() == 44
assert task.perItem*.scoring.unique().sort() == ['anls', 'contains', 'vqa']
assert task.perItem.every { [it.baselineScore, it.candidateScore].every { s -> s >= 0 && s <= 1 } }
// exact match and contains score 0 or 1; ANLS gives partial credit to a near answer
assert task.perItem.findAll { it.scoring != 'anls' }.every { [it.baselineScore, it.candidateScore].every { s -> s == 0 || s == 1 } }
// the references are baseline.pt's answers on lines 1 to 40 and degraded.pt's on 41 to 44
assert task.perItem.findAll { it.line <= 40 }.every { it.baselineScore == 1 }
assert task.perItem.findAll { it.line > 40 }.every { it.candidateScore == 1 }
assert task.onlyBaselineRight >= 20 && task.onlyCandidateRight >= 1
double b = task.perItem.sum { it.baselineScore as double } / 44d
double c = task.perItem.sum { it.candidateScore as double } / 44d
assert Math.abs(task.baselineScore - b) < 1e-9 && Math.abs(task.candidateScore - c) < 1e-9
assert Math.abs(task.drop.meanDrop - (b - c)) < 1e-9

// the gate: the drop's lower bound is beyond 0.10, so it FAILs, with the bounds and how they were obtained
def gate = result.gates.find { it.name == 'maxTaskAccuracyDrop' }
assert gate.verdict == 'FAIL' && gate.threshold == 0.10
assert gate.lower > 0.10 && gate.lower < gate.actual && gate.actual < gate.upper
assert gate.detail.contains('only the baseline gets right') && gate.detail.contains('Waudby-Smith and Ramdas')
assert result.passed == false
assert log.contains('[ERROR] accuracy: maxTaskAccuracyDrop is ')
assert log =~ /task accuracy: 44 conversations with reference answers, up to 4 new tokens each/
