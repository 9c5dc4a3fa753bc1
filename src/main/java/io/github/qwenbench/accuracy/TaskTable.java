package io.github.qwenbench.accuracy;

import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.html.Html;
import java.nio.file.Path;
import java.util.Locale;

/** The task-accuracy part of the accuracy suite's HTML: both scores, the drop, and every item. */
final class TaskTable {

    /** The longer side of an item's image thumbnails, in pixels. */
    private static final int THUMBNAIL = 64;

    private TaskTable() {
    }

    static String html(AccuracyMetrics.Task task) {
        StringBuilder html = new StringBuilder(String.format(Locale.ROOT, "<h3>Task accuracy</h3><p>Scores against"
                + " the reference answers, %d items: baseline %s, candidate %s; drop %s [%s, %s] (one-sided bounds at"
                + " %.0f%% each). Items only the baseline gets right: %d; only the candidate: %d.</p>", task.items(),
                Verdict.format(task.baselineScore()), Verdict.format(task.candidateScore()),
                Verdict.format(task.drop().meanDrop()), Verdict.format(task.drop().lower()),
                Verdict.format(task.drop().upper()), 100 * (1 - task.drop().alpha()), task.onlyBaselineRight(),
                task.onlyCandidateRight()));
        html.append("<table><tr><th>line</th><th>question</th><th>images</th><th>references</th><th>rule</th>"
                + "<th>baseline answer</th><th>score</th><th>candidate answer</th><th>score</th></tr>");
        for (AccuracyMetrics.TaskItem item : task.perItem()) {
            StringBuilder images = new StringBuilder();
            for (String image : item.images()) {
                images.append(Html.thumbnail(Path.of(image), THUMBNAIL));
            }
            html.append("<tr><td>").append(item.line()).append("</td><td>").append(Html.escape(item.question()))
                    .append("</td><td>").append(images).append("</td><td>")
                    .append(Html.escape(String.join(" | ", item.references()))).append("</td><td>")
                    .append(Html.escape(item.scoring())).append("</td><td>").append(Html.escape(item.baselineAnswer()))
                    .append("</td>").append(Html.cells(item.baselineScore())).append("<td>")
                    .append(Html.escape(item.candidateAnswer())).append("</td>").append(Html.cells(item.candidateScore()))
                    .append("</tr>");
        }
        return html.append("</table><p><small>Answers are shown as the models produced them (special tokens left"
                + " out); models with random weights, like the bundled test models, give meaningless text.</small></p>")
                .toString();
    }
}
