package io.github.qwenbench.report;

import io.github.qwenbench.gate.InconclusivePolicy;
import io.github.qwenbench.gate.Outcome;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.suite.SuiteReport;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code TEST-qwen-bench-<suite>.xml} in surefire's report format, one test case per gate, so that
 * Jenkins, GitLab and GitHub test reporters show every gate; a violation is the failure message.
 */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    public static String fileName(String suite) {
        return "TEST-qwen-bench-" + suite + ".xml";
    }

    public static void write(Path directory, SuiteReport report) throws IOException {
        Json.writeAtomically(directory.resolve(fileName(report.suite())),
                render(report).getBytes(StandardCharsets.UTF_8));
    }

    static String render(SuiteReport report) {
        String classname = "qwen-bench." + report.suite();
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", classname);
            xml.writeAttribute("tests", String.valueOf(report.gates().size()));
            boolean warnOnly = report.inconclusivePolicy() == InconclusivePolicy.WARN;
            xml.writeAttribute("failures", String.valueOf(report.failed().size()));
            xml.writeAttribute("errors", String.valueOf(warnOnly ? 0 : report.inconclusive().size()));
            xml.writeAttribute("skipped", String.valueOf(warnOnly ? report.inconclusive().size() : 0));
            xml.writeAttribute("time", seconds(report.durationMillis()));
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            if (report.startedAt() != null) {
                property(xml, "startedAt", report.startedAt().toString());
            }
            if (report.system() != null) {
                property(xml, "engine", report.system().engine() + " " + report.system().engineVersion());
                property(xml, "djl", report.system().djlVersion());
                property(xml, "cpu", report.system().cpu());
            }
            for (ModelFile model : report.models()) {
                property(xml, model.role(), HtmlReport.displayPath(model.path()) + " sha256=" + model.sha256()
                        + " (" + HtmlReport.runsIn(model) + ")");
            }
            if (report.headline() != null) {
                property(xml, "headline", report.headline());
            }
            if (report.runId() != null) {
                property(xml, "runId", report.runId());
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            for (Verdict gate : report.gates()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("name", gate.name());
                xml.writeAttribute("classname", classname);
                xml.writeAttribute("time", "0");
                if (gate.verdict() == Outcome.FAIL) {
                    problem(xml, "failure", "qwen-bench.GateViolation", gate.message());
                } else if (gate.verdict() == Outcome.INCONCLUSIVE && warnOnly) {
                    problem(xml, "skipped", null, gate.message());
                } else if (gate.verdict() == Outcome.INCONCLUSIVE) {
                    problem(xml, "error", "qwen-bench.Inconclusive", gate.message());
                } else {
                    xml.writeCharacters("\n    ");
                    xml.writeStartElement("system-out");
                    xml.writeCharacters(gate.name() + " is " + Verdict.format(gate.actual()) + " " + gate.comparison()
                            + " " + Verdict.format(gate.threshold()) + (gate.detail() == null ? ""
                                    : " (" + gate.detail() + ")"));
                    xml.writeEndElement();
                    xml.writeCharacters("\n  ");
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot render JUnit XML", e);
        }
        return out.toString() + "\n";
    }

    private static void problem(XMLStreamWriter xml, String element, String type, String message)
            throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement(element);
        xml.writeAttribute("message", message);
        if (type != null) {
            xml.writeAttribute("type", type);
            xml.writeCharacters(message);
        }
        xml.writeEndElement();
        xml.writeCharacters("\n  ");
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value == null ? "" : value);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
