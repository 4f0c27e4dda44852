package io.mirrorguard.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitReportRendererTest {

    private Document doc;

    @BeforeEach
    void parse() throws Exception {
        String xml = new JUnitReportRenderer().render(ReportFixtures.report());
        doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private Element suite(String name) {
        NodeList suites = doc.getElementsByTagName("testsuite");
        for (int i = 0; i < suites.getLength(); i++) {
            Element e = (Element) suites.item(i);
            if (e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no testsuite " + name);
    }

    private Element testcase(Element suite, String name) {
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no testcase " + name + " in " + suite.getAttribute("name"));
    }

    @Test
    void one_suite_per_instance_with_consistent_counts() {
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("testsuites");
        assertThat(doc.getElementsByTagName("testsuite").getLength()).isEqualTo(4);
        Element sqla = suite("SQLA");
        assertThat(sqla.getAttribute("tests")).isEqualTo("7");
        assertThat(sqla.getAttribute("failures")).isEqualTo("2");
        assertThat(sqla.getAttribute("skipped")).isEqualTo("2");
        assertThat(sqla.getAttribute("errors")).isEqualTo("0");
        assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("14");
        assertThat(doc.getDocumentElement().getAttribute("errors")).isEqualTo("1");
    }

    @Test
    void fail_is_a_failure_with_severity_and_evidence() {
        Element failure = (Element) testcase(suite("SQLA"), "endpoint-started [SQLA/endpoint/Mirroring]")
                .getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("CRITICAL");
        assertThat(failure.getAttribute("message")).isEqualTo("endpoint Mirroring is STOPPED");
        assertThat(failure.getTextContent()).contains("observed: observed endpoint-started",
                "see docs/rules/endpoint-started.md");
    }

    @Test
    void waived_and_not_applicable_are_skipped_error_is_error() {
        Element waived = testcase(suite("SQLA"), "peer-login-connect-granted [SQLA<-SQLB]");
        assertThat(((Element) waived.getElementsByTagName("skipped").item(0)).getAttribute("message"))
                .isEqualTo("waived: change CHG-1 in progress (until 2027-01-31)");
        Element na = testcase(suite("SQLA"), "endpoint-connect-not-public [SQLA/endpoint/Mirroring]");
        assertThat(na.getElementsByTagName("skipped").getLength()).isEqualTo(1);
        Element error = testcase(suite("SQLB"), "peer-login-connect-granted [SQLB<-SQLA]");
        assertThat(error.getElementsByTagName("error").getLength()).isEqualTo(1);
        Element expired = testcase(suite("SQLB"), "endpoint-certificate-backed-up [SQLB/certificate/SQLB_cert]");
        assertThat(expired.getElementsByTagName("failure").getLength()).isEqualTo(1);
        Element pass = testcase(suite("SQLA"), "master-key-present [SQLA/master-key]");
        assertThat(pass.getChildNodes().getLength()).isZero();
    }

    @Test
    void hostile_names_and_control_characters_stay_valid_xml() {
        Element hostile = suite(ReportFixtures.HOSTILE);
        Element failure = (Element) hostile.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).startsWith("could not connect to " + ReportFixtures.HOSTILE)
                .doesNotContain("\u001b");
    }
}
