package io.mirrorguard.agent.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/** Accessibility basics of every console page, measured in headless Chromium on the drifted demo fleet. */
class ConsoleAccessibilityTest {
    private static ConsoleFleet fleet;
    private static HeadlessChromium browser;

    /** WCAG 2 contrast of every visible text element against its effective background, in the page's CSS. */
    private static final String CONTRAST = """
            function lum(c) {
              const v = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(x => {
                x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
              return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
            }
            function bg(el) {
              for (; el; el = el.parentElement) {
                const c = getComputedStyle(el).backgroundColor, p = c.match(/[\\d.]+/g);
                if (p && (p.length < 4 || Number(p[3]) > 0)) return c;
              }
              return 'rgb(255, 255, 255)';
            }
            const out = [];
            for (const el of document.querySelectorAll('body *')) {
              if (el.closest('svg') || el.getClientRects().length === 0) continue;
              if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
              const a = lum(getComputedStyle(el).color), b = lum(bg(el));
              const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
              out.push(el.tagName + '.' + el.className + ' "' + el.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2));
            }
            return out;
            """;

    @BeforeAll
    static void start() throws Exception {
        browser = HeadlessChromium.startOrSkip();
        fleet = new ConsoleFleet("demo-drift");
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

    @ParameterizedTest
    @ValueSource(strings = {"/", "/console/instances/SQLA", "/console/certificates",
            "/console/rules/endpoint-encryption-required"})
    void landmarks_language_and_names(String page) {
        browser.driver.get(fleet.base() + page);
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.driver.findElements(By.cssSelector("body > header"))).hasSize(1);
        assertThat(browser.driver.findElements(By.cssSelector("body > main"))).hasSize(1);
        assertThat(browser.driver.findElements(By.cssSelector("header nav[aria-label]"))).hasSize(1);
        assertThat(browser.driver.findElements(By.tagName("h1"))).hasSize(1);
        assertThat(browser.driver.getTitle()).contains("mirrorguard");
        // every picture has a name, every image an alt text, every link an accessible text
        for (var svg : browser.driver.findElements(By.cssSelector("svg[role='img']"))) {
            String labelledBy = svg.getAttribute("aria-labelledby");
            assertThat(labelledBy).isNotBlank();
            for (String id : labelledBy.split(" ")) {
                assertThat(browser.driver.findElement(By.id(id)).getAttribute("textContent")).isNotBlank();
            }
        }
        assertThat(browser.driver.findElements(By.cssSelector("img:not([alt])"))).isEmpty();
        for (var a : browser.driver.findElements(By.cssSelector("a[href]"))) {
            assertThat(a.getAttribute("textContent").strip()).as(a.getAttribute("outerHTML")).isNotEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/console/instances/SQLW", "/console/certificates"})
    void every_text_meets_wcag_aa_contrast(String page) {
        browser.driver.get(fleet.base() + page);
        @SuppressWarnings("unchecked")
        List<String> measured = (List<String>) browser.driver.executeScript(CONTRAST);
        assertThat(measured).hasSizeGreaterThan(10);
        List<String> low = new ArrayList<>();
        for (String m : measured) {
            double ratio = Double.parseDouble(m.substring(m.lastIndexOf(' ') + 1));
            if (ratio < 4.5) {
                low.add(m);
            }
        }
        assertThat(low).as("text below 4.5:1 on " + page).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/console/instances/SQLW"})
    void the_keyboard_reaches_every_link_skip_link_first(String page) {
        browser.driver.get(fleet.base() + page);
        Number links = (Number) browser.driver.executeScript(
                "const l = document.querySelectorAll('a[href]'); l.forEach((a, i) => a.dataset.tab = i); return l.length;");
        // the evidence toggles (summary) are in the tab order too
        Number stops = (Number) browser.driver.executeScript(
                "return document.querySelectorAll('a[href], summary').length;");
        Set<String> reached = new LinkedHashSet<>();
        Actions keys = new Actions(browser.driver);
        for (int i = 0; i < stops.intValue() + 5; i++) {
            keys.sendKeys(Keys.TAB).perform();
            Object tab = browser.driver.executeScript("return document.activeElement.dataset.tab || null");
            if (tab != null) {
                reached.add(tab.toString());
            }
        }
        assertThat(reached).first().isEqualTo("0"); // the skip link
        assertThat(browser.driver.findElement(By.cssSelector("a[data-tab='0']")).getAttribute("href"))
                .endsWith("#main");
        assertThat(reached).hasSize(links.intValue());
    }
}
