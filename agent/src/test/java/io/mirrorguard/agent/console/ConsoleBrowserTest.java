package io.mirrorguard.agent.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console in headless Chromium against the daemon auditing the simulated demo fleet, which has drifted: SQLA's
 * master key lost its service-key protection, SQLB grants CONNECT to public, SQLW lacks SQLA's certificate.
 */
class ConsoleBrowserTest {
    private static ConsoleFleet fleet;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        browser = HeadlessChromium.startOrSkip();
        fleet = new ConsoleFleet("demo-drift");
        fleet.auditAgain();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (fleet != null) {
                fleet.close();
            }
        }
    }

    @BeforeEach
    void fullWidth() {
        browser.width(1280);
    }

    @Test
    void overview_lists_the_failures_most_severe_first_each_with_fix_and_doc_link() throws Exception {
        browser.driver.get(fleet.base() + "/");
        List<WebElement> groups = browser.driver.findElements(By.cssSelector("#what-to-fix .sev-group"));
        List<String> severities = groups.stream().map(g -> g.getAttribute("data-severity")).toList();
        assertThat(severities).isNotEmpty().isSortedAccordingTo((a, b) -> Integer.compare(rank(a), rank(b)));

        List<WebElement> failures = browser.driver.findElements(By.cssSelector("li.failure"));
        List<String> keys = failures.stream()
                .map(f -> f.getAttribute("data-rule") + "@" + f.getAttribute("data-instance")).toList();
        assertThat(keys).contains("master-key-protected-by-service-key@SQLA", "endpoint-connect-not-public@SQLB",
                "peer-certificate-installed@SQLW");
        for (WebElement f : failures) {
            assertThat(f.findElement(By.cssSelector(".fix code")).getText()).isNotBlank();
            assertThat(f.findElement(By.cssSelector(".doc a")).getAttribute("href"))
                    .isEqualTo(fleet.base() + "/console/rules/" + f.getAttribute("data-rule"));
        }
        // the counts agree with the list
        long shown = failures.size();
        long counted = browser.driver.findElements(By.cssSelector("ul.counts .n")).stream()
                .mapToLong(e -> Long.parseLong(e.getText())).sum();
        assertThat(counted).isEqualTo(shown);
        assertThat(browser.driver.findElements(By.cssSelector("table.instances tbody tr"))).hasSize(3);

        assertClean();
        Path shot = browser.screenshot("overview-1280");
        assertThat(Files.size(shot)).isGreaterThan(10_000);
    }

    @Test
    void topology_draws_both_directions_of_every_link_coloured_by_trust() throws Exception {
        browser.driver.get(fleet.base() + "/");
        List<WebElement> nodes = browser.driver.findElements(By.cssSelector("svg.topology a.node"));
        assertThat(nodes).extracting(n -> n.getAttribute("data-instance"))
                .containsExactlyInAnyOrder("SQLA", "SQLB", "SQLW");
        List<WebElement> edges = browser.driver.findElements(By.cssSelector("svg.topology g.edge"));
        // partner SQLA-SQLB, witness SQLW with each partner: three pairs, two directions each
        assertThat(edges).hasSize(6);
        // SQLW lacks SQLA's certificate, so the SQLA -> SQLW direction is broken and says what is missing
        WebElement aToW = edges.stream().filter(e -> "SQLA".equals(e.getAttribute("data-from"))
                && "SQLW".equals(e.getAttribute("data-to"))).findFirst().orElseThrow();
        assertThat(aToW.getAttribute("data-state")).isEqualTo("broken");
        assertThat(aToW.findElement(By.tagName("title")).getAttribute("textContent"))
                .contains("SQLW does not trust SQLA").contains("missing:");
        // a broken arrow is drawn red and a complete one green, as the legend says
        String brokenStroke = stroke(aToW);
        WebElement complete = edges.stream().filter(e -> "complete".equals(e.getAttribute("data-state")))
                .findFirst().orElseThrow();
        assertThat(brokenStroke).isEqualTo("rgb(207, 34, 46)");
        assertThat(stroke(complete)).isEqualTo("rgb(26, 127, 55)");
        assertClean();
    }

    @Test
    void an_instance_is_one_click_away_with_its_checklist_and_history() throws Exception {
        browser.driver.get(fleet.base() + "/");
        browser.driver.findElement(By.cssSelector("table.instances a[href='/console/instances/SQLW']")).click();
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(fleet.base() + "/console/instances/SQLW");
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("SQLW");
        List<String> sections = browser.driver.findElements(By.cssSelector("section.checklist-section h2"))
                .stream().map(WebElement::getText).toList();
        assertThat(sections).contains("Outbound", "Inbound from SQLA", "Inbound from SQLB");
        WebElement failing = browser.driver.findElement(
                By.cssSelector("li.item.FAIL[data-rule='peer-certificate-installed']"));
        assertThat(failing.findElement(By.cssSelector("details")).getAttribute("open")).isNotNull();
        assertThat(failing.findElement(By.cssSelector("dl.evidence")).getText()).contains("observed");
        assertThat(browser.driver.findElements(By.cssSelector("ol.timeline li[data-kind='first-seen']")))
                .isNotEmpty();
        assertClean();
        browser.screenshot("instance-SQLW-1280");

        // and from the picture: the SQLB node links to SQLB's page
        browser.driver.get(fleet.base() + "/");
        browser.driver.findElement(By.cssSelector("svg.topology a.node[data-instance='SQLB']")).click();
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("SQLB");
        assertClean();
    }

    @Test
    void certificates_and_rule_docs_render_without_errors() throws Exception {
        browser.driver.get(fleet.base() + "/console/certificates");
        assertThat(browser.driver.findElements(By.cssSelector("svg.timeline-chart g.cert"))).hasSizeGreaterThanOrEqualTo(3);
        assertClean();
        browser.screenshot("certificates-1280");
        browser.driver.get(fleet.base() + "/console/rules/peer-certificate-installed");
        assertThat(browser.driver.findElement(By.cssSelector("article.doc h1")).getText()).isNotBlank();
        assertClean();
    }

    @Test
    void pages_fit_800_pixels_without_sideways_scrolling() throws Exception {
        for (String page : List.of("/", "/console/instances/SQLA", "/console/certificates")) {
            browser.width(800);
            browser.driver.get(fleet.base() + page);
            Number overflow = (Number) browser.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow.intValue()).as(page).isLessThanOrEqualTo(0);
            assertClean();
            browser.screenshot((page.equals("/") ? "overview" : page.substring(page.lastIndexOf('/') + 1)) + "-800");
        }
    }

    @Test
    void the_html_report_leads_with_what_to_fix_keeps_the_checklist_collapsed_and_fits_800_pixels() throws Exception {
        browser.width(800);
        browser.driver.get(fleet.base() + "/api/v1/reports/latest?format=html");
        List<String> headings = browser.driver.findElements(By.tagName("h2")).stream().map(WebElement::getText).toList();
        assertThat(headings.get(0)).isEqualTo("What to fix");
        assertThat(headings).containsSubsequence("What to fix", "Trust between instances", "Full checklist");
        WebElement fix = browser.driver.findElement(By.cssSelector("#what-to-fix a"));
        assertThat(fix.getAttribute("href")).startsWith(fleet.base() + "/console/rules/");
        List<WebElement> instances = browser.driver.findElements(By.cssSelector("details.instance"));
        assertThat(instances).hasSize(3).allSatisfy(d -> assertThat(d.getAttribute("open")).isNull());
        assertThat(browser.driver.findElements(By.cssSelector("details.instance ul.checklist li")))
                .allSatisfy(li -> assertThat(li.isDisplayed()).isFalse());
        Number overflow = (Number) browser.driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
        assertClean();
        browser.screenshot("report-html-800");
        // the doc link works: it opens the rule's page on the daemon
        fix.click();
        assertThat(browser.driver.findElement(By.cssSelector("article.doc h1")).getText()).isNotBlank();
        assertClean();
    }

    /** No console error (which includes CSP violations and failed loads) and no request off 127.0.0.1. */
    private static void assertClean() throws Exception {
        assertThat(browser.consoleErrors()).isEmpty();
        assertThat(browser.requestedUrls()).isNotEmpty()
                .allSatisfy(u -> assertThat(u).startsWith(fleet.base() + "/"));
    }

    private static String stroke(WebElement edge) {
        return edge.findElement(By.tagName("line")).getCssValue("stroke");
    }

    private static int rank(String severity) {
        return io.mirrorguard.rules.engine.Severity.valueOf(severity).ordinal();
    }
}
