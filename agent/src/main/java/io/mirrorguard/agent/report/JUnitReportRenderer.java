package io.mirrorguard.agent.report;

import static io.mirrorguard.agent.report.Escapes.xml;

import io.mirrorguard.rules.engine.Evidence;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import java.io.StringWriter;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * JUnit XML in the Ant/Surefire shape CI servers read: a testsuite per instance, a testcase per rule and subject;
 * an unwaived FAIL is a failure, ERROR an error, NOT_APPLICABLE and waived FAILs are skipped. Built with the JDK's
 * DOM so every value is escaped by the serializer.
 */
public final class JUnitReportRenderer implements ReportRenderer {

    @Override
    public String render(AuditReport report) {
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document doc = dbf.newDocumentBuilder().newDocument();
            Element suites = doc.createElement("testsuites");
            suites.setAttribute("name", report.toolName() + " " + xml(report.toolVersion()));
            doc.appendChild(suites);
            int tests = 0;
            int failures = 0;
            int errors = 0;
            int skipped = 0;
            for (InstanceReport instance : report.instances()) {
                Element suite = doc.createElement("testsuite");
                suites.appendChild(suite);
                List<ReportFinding> findings = instance.sections().stream()
                        .flatMap(s -> s.items().stream()).toList();
                int f = 0;
                int e = 0;
                int s = 0;
                for (ReportFinding rf : findings) {
                    Element testcase = testcase(doc, instance, rf);
                    suite.appendChild(testcase);
                    switch (status(rf.finding())) {
                        case "failure" -> f++;
                        case "error" -> e++;
                        case "skipped" -> s++;
                        default -> { }
                    }
                }
                suite.setAttribute("name", xml(instance.name()));
                suite.setAttribute("tests", String.valueOf(findings.size()));
                suite.setAttribute("failures", String.valueOf(f));
                suite.setAttribute("errors", String.valueOf(e));
                suite.setAttribute("skipped", String.valueOf(s));
                suite.setAttribute("time", "0");
                suite.setAttribute("timestamp", report.generatedAt().toString());
                tests += findings.size();
                failures += f;
                errors += e;
                skipped += s;
            }
            suites.setAttribute("tests", String.valueOf(tests));
            suites.setAttribute("failures", String.valueOf(failures));
            suites.setAttribute("errors", String.valueOf(errors));
            suites.setAttribute("skipped", String.valueOf(skipped));
            suites.setAttribute("time", "0");
            return serialize(doc);
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("the JDK's XML support failed to write a report", e);
        }
    }

    private static Element testcase(Document doc, InstanceReport instance, ReportFinding rf) {
        Finding f = rf.finding();
        Element tc = doc.createElement("testcase");
        tc.setAttribute("classname", xml(instance.name()));
        StringBuilder name = new StringBuilder(f.ruleId());
        if (f.subject() != null && !f.subject().equals(f.instance())) {
            name.append(" [").append(f.subject()).append(']');
        } else if (f.peer() != null) {
            name.append(" [").append(f.peer()).append(']');
        }
        tc.setAttribute("name", xml(name.toString()));
        tc.setAttribute("time", "0");
        String status = status(f);
        switch (status) {
            case "failure", "error" -> {
                Element el = doc.createElement(status);
                el.setAttribute("message", xml(f.message()));
                el.setAttribute("type", status.equals("error") ? "ERROR"
                        : f.severity() == null ? "FAIL" : f.severity().name());
                el.setTextContent(xml(details(rf)));
                tc.appendChild(el);
            }
            case "skipped" -> {
                Element el = doc.createElement("skipped");
                el.setAttribute("message", xml(f.waived()
                        ? "waived: " + f.waiver().reason()
                                + (f.waiver().expires() == null ? "" : " (until " + f.waiver().expires() + ")")
                        : "not applicable: " + (f.message() == null ? "" : f.message())));
                tc.appendChild(el);
            }
            default -> { }
        }
        return tc;
    }

    private static String status(Finding f) {
        if (f.outcome() == null) {
            return "error";
        }
        return switch (f.outcome()) {
            case PASS -> "pass";
            case FAIL -> f.waived() ? "skipped" : "failure";
            case ERROR -> "error";
            case NOT_APPLICABLE -> "skipped";
        };
    }

    private static String details(ReportFinding rf) {
        Finding f = rf.finding();
        StringBuilder b = new StringBuilder();
        b.append(rf.title()).append(" (").append(f.ruleId()).append(")\n");
        b.append("instance: ").append(f.instance()).append('\n');
        if (f.peer() != null) {
            b.append("peer: ").append(f.peer()).append('\n');
        }
        b.append("subject: ").append(f.subject()).append('\n');
        Evidence e = f.evidence();
        if (e != null) {
            b.append("observed: ").append(e.observed()).append('\n');
            b.append("expected: ").append(e.expected()).append('\n');
            e.facts().forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        }
        if (f.outcome() == Outcome.FAIL && f.waiver() != null && f.waiver().expired()) {
            b.append("waiver expired ").append(f.waiver().expires()).append(": ").append(f.waiver().reason())
                    .append('\n');
        }
        b.append("see ").append(rf.docPath());
        return b.toString();
    }

    private static String serialize(Document doc) throws TransformerException {
        TransformerFactory tf = TransformerFactory.newInstance();
        tf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Transformer t = tf.newTransformer();
        t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        t.setOutputProperty(OutputKeys.INDENT, "yes");
        t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
        StringWriter w = new StringWriter();
        t.transform(new DOMSource(doc), new StreamResult(w));
        return w.toString() + "\n";
    }
}
