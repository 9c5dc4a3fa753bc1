package io.github.qwenbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class JUnitXmlReportTest {

    @Test
    void oneTestCasePerGateWithTheViolationAsFailure() throws Exception {
        String xml = JUnitXmlReport.render(ReportFixtures.failingPerformance());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suite = doc.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("qwen-bench.performance", suite.getAttribute("name"));
        assertEquals("1", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("0", suite.getAttribute("errors"));
        assertEquals("1.234", suite.getAttribute("time"));
        assertEquals("", suite.getAttribute("timestamp"), "surefire's 3.0 schema has no timestamp attribute");
        Element testcase = (Element) suite.getElementsByTagName("testcase").item(0);
        assertEquals("minSpeedup", testcase.getAttribute("name"));
        assertEquals("qwen-bench.performance", testcase.getAttribute("classname"));
        Element failure = (Element) testcase.getElementsByTagName("failure").item(0);
        assertEquals("minSpeedup is 0.47, but expected minimum is 1 (lower bound of the interval; speedup 0.500, 95%"
                + " interval [0.470, 0.530] from 40 block pairs)", failure.getAttribute("message"));
        Element property = (Element) suite.getElementsByTagName("property").item(1);
        assertEquals("baseline", property.getAttribute("name"));
        assertEquals("/models/" + ReportFixtures.HOSTILE + ".pt sha256=ab (TorchScript)", property.getAttribute("value"),
                "XML-escaped on write, intact on read");
    }
}
