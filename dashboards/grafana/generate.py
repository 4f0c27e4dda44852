#!/usr/bin/env python3
"""Writes mirrorguard-fleet.json and mirrorguard-instance.json next to this file.

The JSON files are committed and are what Grafana imports; this script is their source so both dashboards share
panel definitions, colours and layout. Run `python3 dashboards/grafana/generate.py` after editing, then
`mvn -pl dashboards -am test` (the dashboard linter checks the output).
"""
import argparse
import json
import pathlib

DS = {"type": "prometheus", "uid": "${DS_PROMETHEUS}"}
RUNBOOK_BASE = "https://github.com/mirrorguard/mirrorguard/blob/main/docs/rules/"
INSTANCE_LINK = "/d/mirrorguard-instance/mirrorguard-instance?var-instance=${__value.raw}&${__url_time_range}"
STALE_AFTER_SECONDS = 900  # 3 audit periods of 5 min, as in prometheus/alerts.yml

SEVERITY_COLOURS = {"CRITICAL": "dark-red", "HIGH": "red", "MEDIUM": "orange", "LOW": "yellow", "INFO": "blue"}


def thresholds(*steps):
    """steps: (value or None, colour) pairs, first value None (the base)."""
    return {"mode": "absolute", "steps": [{"color": c, "value": v} for v, c in steps]}


def value_map(pairs):
    """pairs: (value, text, colour)."""
    options = {}
    for index, (value, text, colour) in enumerate(pairs):
        options[str(value)] = {"text": text, "color": colour, "index": index}
    return {"type": "value", "options": options}


def regex_map(pattern, text, colour, index=0):
    return {"type": "regex", "options": {"pattern": pattern, "result": {"text": text, "color": colour, "index": index}}}


UP_MAPPING = [value_map([(1, "up", "green"), (0, "DOWN", "red")])]
TRUST_MAPPING = [value_map([(1, "trusted", "green"), (0, "BROKEN", "red")])]


def target(expr, legend="", ref="A", instant=False, table=False):
    t = {"refId": ref, "datasource": DS, "expr": expr, "legendFormat": legend, "editorMode": "code"}
    if instant or table:
        t.update({"instant": True, "range": False})
    else:
        t.update({"instant": False, "range": True})
    if table:
        t["format"] = "table"
    return t


class Layout:
    """Flows panels left to right in a 24-column grid and hands out unique ids."""

    def __init__(self):
        self.panels = []
        self.next_id = 1
        self.x = 0
        self.y = 0
        self.row_height = 0

    def row(self, title):
        self._newline()
        self.panels.append({"type": "row", "id": self._id(), "title": title, "collapsed": False,
                            "gridPos": {"h": 1, "w": 24, "x": 0, "y": self.y}, "panels": []})
        self.y += 1

    def add(self, panel, w, h):
        if self.x + w > 24:
            self._newline()
        panel["id"] = self._id()
        panel["gridPos"] = {"h": h, "w": w, "x": self.x, "y": self.y}
        self.panels.append(panel)
        self.x += w
        self.row_height = max(self.row_height, h)

    def _newline(self):
        self.y += self.row_height
        self.x = 0
        self.row_height = 0

    def _id(self):
        self.next_id += 1
        return self.next_id - 1


def panel(kind, title, description, targets, unit, defaults=None, options=None, overrides=None,
          transformations=None):
    field_defaults = {"unit": unit}
    field_defaults.update(defaults or {})
    p = {"type": kind, "title": title, "description": description, "datasource": DS, "targets": targets,
         "fieldConfig": {"defaults": field_defaults, "overrides": overrides or []}, "options": options or {}}
    if transformations:
        p["transformations"] = transformations
    return p


def stat(title, description, targets, unit, steps, mappings=None, text_mode="auto", decimals=None):
    defaults = {"thresholds": thresholds(*steps), "color": {"mode": "thresholds"}, "mappings": mappings or []}
    if decimals is not None:
        defaults["decimals"] = decimals
    return panel("stat", title, description, targets, unit, defaults,
                 {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                  "colorMode": "background", "graphMode": "none", "textMode": text_mode, "justifyMode": "auto",
                  "orientation": "auto"})


def timeseries(title, description, targets, unit, overrides=None, stacked_bars=False, steps=None, minimum=None,
               maximum=None):
    custom = {"drawStyle": "bars" if stacked_bars else "line", "fillOpacity": 80 if stacked_bars else 10,
              "lineWidth": 1, "showPoints": "never", "spanNulls": False,
              "stacking": {"mode": "normal" if stacked_bars else "none", "group": "A"},
              "thresholdsStyle": {"mode": "line" if steps else "off"}}
    defaults = {"custom": custom, "color": {"mode": "palette-classic"}}
    if steps:
        defaults["thresholds"] = thresholds(*steps)
    if minimum is not None:
        defaults["min"] = minimum
    if maximum is not None:
        defaults["max"] = maximum
    return panel("timeseries", title, description, targets, unit, defaults,
                 {"legend": {"displayMode": "table", "placement": "right", "showLegend": True,
                             "calcs": ["lastNotNull"]},
                  "tooltip": {"mode": "multi", "sort": "desc"}}, overrides)


def severity_overrides():
    return [{"matcher": {"id": "byName", "options": sev},
             "properties": [{"id": "color", "value": {"mode": "fixed", "fixedColor": colour}}]}
            for sev, colour in SEVERITY_COLOURS.items()]


def state_timeline(title, description, targets, mappings):
    return panel("state-timeline", title, description, targets, "none",
                 {"mappings": mappings, "color": {"mode": "thresholds"},
                  "thresholds": thresholds((None, "red"), (1, "green")),
                  "custom": {"fillOpacity": 80, "lineWidth": 0}},
                 {"showValue": "never", "mergeValues": True, "alignValue": "left", "rowHeight": 0.9,
                  "legend": {"showLegend": False, "displayMode": "list", "placement": "bottom"},
                  "tooltip": {"mode": "single", "sort": "none"}})


def colour_cells(field, mappings):
    return {"matcher": {"id": "byName", "options": field},
            "properties": [{"id": "mappings", "value": mappings},
                           {"id": "custom.cellOptions", "value": {"type": "color-background", "mode": "basic"}}]}


def link_cells(field, title, url):
    return {"matcher": {"id": "byName", "options": field},
            "properties": [{"id": "links", "value": [{"title": title, "url": url}]}]}


def table(title, description, targets, unit, overrides, transformations, sort_by=None):
    options = {"showHeader": True, "cellHeight": "sm", "footer": {"show": False, "reducer": ["sum"], "fields": ""}}
    if sort_by:
        options["sortBy"] = [{"displayName": sort_by, "desc": False}]
    return panel("table", title, description, targets, unit,
                 {"custom": {"align": "auto", "cellOptions": {"type": "auto"}, "inspect": False},
                  "thresholds": thresholds((None, "green"))},
                 options, overrides, transformations)


def organize(exclude, rename, order=None):
    options = {"excludeByName": {name: True for name in exclude}, "renameByName": rename,
               "indexByName": {name: i for i, name in enumerate(order or [])}}
    return {"id": "organize", "options": options}


# ---------------------------------------------------------------- shared panel builders

def certificates_table(selector, link_instances):
    days = f"(instance:mirrorguard_certificate_expiry:seconds_remaining{selector} / 86400)"
    # job in the join: two agents may audit instances (and certificates) of the same name
    expr = (f"{days} * on (job, instance, certificate) group_left (thumbprint, subject, key_bits, "
            f"signature_algorithm) mirrorguard_certificate_info or on (job, instance, certificate, usage) {days}")
    overrides = [
        {"matcher": {"id": "byName", "options": "Days left"},
         "properties": [{"id": "unit", "value": "d"}, {"id": "decimals", "value": 1},
                        {"id": "thresholds", "value": thresholds((None, "red"), (7, "orange"), (30, "green"))},
                        {"id": "custom.cellOptions", "value": {"type": "color-background", "mode": "basic"}}]},
    ]
    if link_instances:
        overrides.append(link_cells("instance", "Open instance dashboard", INSTANCE_LINK))
    return table(
        "Certificates by days left",
        "Endpoint certificates and the copies of peers' certificates installed on each instance, soonest expiry "
        "first. usage=endpoint is the instance's own endpoint certificate; usage=peer is its copy of a peer's. "
        "Red: under 7 days or expired (negative), orange: under 30 days.",
        [target(expr, table=True)], "none", overrides,
        [organize(["Time", "job", "__name__"], {"Value": "Days left", "key_bits": "key bits",
                                               "signature_algorithm": "signature"},
                  ["Value", "instance", "usage", "certificate", "subject", "thumbprint", "key_bits",
                   "signature_algorithm"]),
         {"id": "sortBy", "options": {"sort": [{"field": "Days left", "desc": False}]}}],
        sort_by="Days left")


def endpoints_table(selector, link_instances):
    overrides = [
        colour_cells("state", [value_map([("STARTED", "STARTED", "green")]),
                               regex_map(".*", "", "red", 1)]),
        colour_cells("encryption", [value_map([("REQUIRED", "REQUIRED", "green"), ("SUPPORTED", "SUPPORTED", "orange"),
                                               ("DISABLED", "DISABLED", "red")])]),
        colour_cells("algorithm", [value_map([("AES", "AES", "green")]), regex_map(".*", "", "red", 1)]),
        colour_cells("authentication", [value_map([("CERTIFICATE", "CERTIFICATE", "green")]),
                                        regex_map(".*CERTIFICATE.*", "", "orange", 1),
                                        regex_map(".*", "", "red", 2)]),
    ]
    if link_instances:
        overrides.append(link_cells("instance", "Open instance dashboard", INSTANCE_LINK))
    return table(
        "Endpoint encryption and authentication",
        "The DATABASE_MIRRORING endpoint of each instance. Green is the hardened state: STARTED, certificate "
        "authentication only, encryption REQUIRED with AES only. Orange: certificate with a Windows fallback, or "
        "encryption only SUPPORTED. Red: anything else.",
        [target(f"mirrorguard_endpoint_info{selector}", table=True)], "none", overrides,
        [organize(["Time", "job", "__name__", "Value"], {},
                  ["instance", "endpoint", "state", "role", "authentication", "encryption", "algorithm", "port"])])


def rule_failures_table(expr, link_instances):
    overrides = [link_cells("rule", "Runbook for ${__value.raw}", "${runbook_base}${__value.raw}.md"),
                 colour_cells("severity", [value_map([(s, s, c) for s, c in SEVERITY_COLOURS.items()])])]
    if link_instances:
        overrides.append(link_cells("instance", "Open instance dashboard", INSTANCE_LINK))
    return table("Failing rules",
                 "Rules with at least one FAIL finding in the latest audit; the rule id links to its runbook "
                 "(base URL in the runbook_base variable).",
                 [target(expr, table=True)], "none", overrides,
                 [organize(["Time", "job", "__name__"], {"Value": "FAIL findings"}),
                  {"id": "sortBy", "options": {"sort": [{"field": "FAIL findings", "desc": True}]}}])


def templating(with_instance):
    variables = [{"name": "DS_PROMETHEUS", "label": "Data source", "type": "datasource", "query": "prometheus",
                  "current": {}, "hide": 0, "refresh": 1, "regex": "", "includeAll": False, "multi": False,
                  "options": []}]
    if with_instance:
        query = "label_values(mirrorguard_instance_up, instance)"
        variables.append({"name": "instance", "label": "Instance", "type": "query", "datasource": DS,
                          "query": {"query": query, "refId": "PrometheusVariableQueryEditor-VariableQuery",
                                    "qryType": 1},
                          "definition": query, "refresh": 2, "sort": 1, "includeAll": False, "multi": False,
                          "current": {}, "hide": 0, "regex": "", "options": []})
    variables.append({"name": "runbook_base", "label": "Runbook base URL", "type": "textbox",
                      "query": RUNBOOK_BASE, "current": {"text": RUNBOOK_BASE, "value": RUNBOOK_BASE},
                      "hide": 2, "options": [{"selected": True, "text": RUNBOOK_BASE, "value": RUNBOOK_BASE}]})
    return {"list": variables}


def dashboard(uid, title, description, layout, with_instance):
    panel_types = sorted({p["type"] for p in layout.panels if p["type"] != "row"})
    return {
        "__inputs": [{"name": "DS_PROMETHEUS", "label": "Prometheus", "description": "Prometheus scraping the "
                      "mirrorguard agent (job mirrorguard, honor_labels: true)", "type": "datasource",
                      "pluginId": "prometheus", "pluginName": "Prometheus"}],
        "__requires": [{"type": "grafana", "id": "grafana", "name": "Grafana", "version": "10.4.0"},
                       {"type": "datasource", "id": "prometheus", "name": "Prometheus", "version": "1.0.0"}]
        + [{"type": "panel", "id": t, "name": t, "version": ""} for t in panel_types],
        "annotations": {"list": [{"builtIn": 1, "datasource": {"type": "grafana", "uid": "-- Grafana --"},
                                  "enable": True, "hide": True, "iconColor": "rgba(0, 211, 255, 1)",
                                  "name": "Annotations & Alerts", "type": "dashboard"}]},
        "description": description,
        "editable": True,
        "fiscalYearStartMonth": 0,
        "graphTooltip": 1,
        "id": None,
        "links": [{"title": "mirrorguard", "type": "dashboards", "tags": ["mirrorguard"], "asDropdown": False,
                   "includeVars": False, "keepTime": True, "icon": "external link", "targetBlank": False,
                   "tooltip": "", "url": ""}],
        "panels": layout.panels,
        "refresh": "1m",
        "schemaVersion": 39,
        "tags": ["mirrorguard", "sql-server", "security"],
        "templating": templating(with_instance),
        "time": {"from": "now-24h", "to": "now"},
        "timepicker": {},
        "timezone": "",
        "title": title,
        "uid": uid,
        "version": 1,
        "weekStart": "",
    }


# ---------------------------------------------------------------- fleet

def fleet():
    L = Layout()
    L.row("At a glance")
    L.add(stat("Compliance", "Share of applicable rule checks that pass across the fleet (PASS / (PASS + FAIL + "
               "ERROR)); NOT_APPLICABLE checks are left out.",
               [target("job:mirrorguard_rule_checks:pass_ratio", instant=True)], "percentunit",
               [(None, "red"), (0.9, "orange"), (1, "green")], decimals=1), 4, 5)
    L.add(stat("Instances reachable", "Instances whose last audit read the catalog, out of all audited instances.",
               [target("sum(mirrorguard_instance_up)", "reachable", instant=True),
                target("count(mirrorguard_instance_up)", "audited", "B", instant=True)], "none",
               [(None, "blue")]), 4, 5)
    L.add(stat("FAIL findings by severity", "Number of FAIL findings in the latest audit of every instance.",
               [target("sum by (severity) (mirrorguard_findings)", "{{severity}}", instant=True)], "none",
               [(None, "green"), (1, "red")]), 6, 5)
    L.add(stat("Broken trust links", "Ordered pairs (instance trusts peer) that lack part of the inbound trust.",
               [target("count(mirrorguard_peer_trust == 0) or vector(0)", instant=True)], "none",
               [(None, "green"), (1, "red")]), 3, 5)
    L.add(stat("Soonest endpoint certificate expiry", "Time until the first endpoint certificate of the fleet "
               "expires (negative: already expired).",
               [target('min(instance:mirrorguard_certificate_expiry:seconds_remaining{usage="endpoint"})',
                       instant=True)], "s",
               [(None, "red"), (7 * 86400, "orange"), (30 * 86400, "green")]), 4, 5)
    L.add(stat("Agent version", "mirrorguard_build_info of the scraped agent.",
               [target("mirrorguard_build_info", "{{version}}", instant=True)], "none", [(None, "blue")],
               text_mode="name"), 3, 5)

    L.row("Compliance")
    L.add(timeseries("Compliance per instance", "Share of applicable rule checks that pass, per instance.",
                     [target("instance:mirrorguard_rule_checks:pass_ratio", "{{instance}}")], "percentunit",
                     minimum=0, maximum=1), 12, 8)
    L.add(timeseries("FAIL findings by severity", "FAIL findings of the latest audits, stacked by severity.",
                     [target("severity:mirrorguard_findings:sum", "{{severity}}")], "none",
                     severity_overrides(), stacked_bars=True), 12, 8)
    L.add(rule_failures_table("sum by (rule, severity) (mirrorguard_rule_failures) > 0", False), 24, 8)

    L.row("Audit health")
    L.add(state_timeline("Instance reachable", "1 when the instance's last audit read its catalog.",
                         [target("mirrorguard_instance_up", "{{instance}}")], UP_MAPPING), 12, 8)
    L.add(timeseries("Audit freshness", f"Time since each instance's last successful audit; the line marks "
                     f"{STALE_AFTER_SECONDS} s (3 audit periods), where MirrorguardInstanceAuditStale starts.",
                     [target("instance:mirrorguard_audit_last_success:age_seconds", "{{instance}}")], "s",
                     steps=[(None, "green"), (STALE_AFTER_SECONDS, "red")], minimum=0), 12, 8)
    L.add(timeseries("Audit duration", "Wall time of the last audit of each instance.",
                     [target("mirrorguard_audit_duration_seconds", "{{instance}}")], "s", minimum=0), 12, 8)
    L.add(timeseries("Audits per hour by outcome", "Audits started in the last hour, by outcome.",
                     [target("sum by (outcome) (increase(mirrorguard_audits_total[1h]))", "{{outcome}}")],
                     "none", [{"matcher": {"id": "byName", "options": "failure"},
                               "properties": [{"id": "color", "value": {"mode": "fixed", "fixedColor": "red"}}]},
                              {"matcher": {"id": "byName", "options": "success"},
                               "properties": [{"id": "color", "value": {"mode": "fixed", "fixedColor": "green"}}]}],
                     minimum=0), 12, 8)

    L.row("Certificates")
    L.add(certificates_table("", True), 24, 10)

    L.row("Endpoints and trust")
    L.add(endpoints_table("", True), 14, 9)
    L.add(table("Trust matrix (row trusts column)",
                "Each cell: does the row instance hold everything the column peer needs to connect to it "
                "(certificate installed, owner mapped to a login, CONNECT granted)? Red cells are broken links; "
                "empty cells are pairs that are not linked.",
                [target("max by (instance, peer) (mirrorguard_peer_trust)", table=True)], "none",
                [], [{"id": "groupingToMatrix", "options": {"columnField": "peer", "rowField": "instance",
                                                            "valueField": "Value", "emptyValue": "null"}}])
          | {"fieldConfig": {"defaults": {"unit": "none", "mappings": TRUST_MAPPING,
                                          "thresholds": thresholds((None, "red"), (1, "green")),
                                          "color": {"mode": "thresholds"},
                                          "custom": {"align": "center", "inspect": False,
                                                     "cellOptions": {"type": "color-background",
                                                                     "mode": "basic"}}},
                             "overrides": [{"matcher": {"id": "byName", "options": "instance\\peer"},
                                            "properties": [{"id": "custom.cellOptions",
                                                            "value": {"type": "auto"}}]}]}}, 10, 9)

    L.row("Remediation")
    L.add(timeseries("Remediations per hour", "Remediations in the last hour by rule, mode (dry run or apply) "
                     "and outcome.",
                     [target("sum by (rule, mode, outcome) (increase(mirrorguard_remediations_total[1h]))",
                             "{{rule}} {{mode}} {{outcome}}")], "none", minimum=0), 24, 7)
    return dashboard("mirrorguard-fleet", "mirrorguard / Fleet",
                     "Mirroring-endpoint certificate security across every audited SQL Server instance.", L, False)


# ---------------------------------------------------------------- one instance

def instance():
    sel = '{instance="$instance"}'
    L = Layout()
    L.row("$instance at a glance")
    L.add(stat("Reachable", "1 when the last audit read the catalog.",
               [target(f"mirrorguard_instance_up{sel}", instant=True)], "none", [(None, "red"), (1, "green")],
               UP_MAPPING), 3, 5)
    L.add(stat("Compliance", "Share of applicable rule checks that pass on this instance.",
               [target(f"instance:mirrorguard_rule_checks:pass_ratio{sel}", instant=True)], "percentunit",
               [(None, "red"), (0.9, "orange"), (1, "green")], decimals=1), 4, 5)
    L.add(stat("Since last successful audit", f"Red after {STALE_AFTER_SECONDS} s (3 audit periods).",
               [target(f"instance:mirrorguard_audit_last_success:age_seconds{sel}", instant=True)], "s",
               [(None, "green"), (STALE_AFTER_SECONDS, "red")]), 4, 5)
    L.add(stat("FAIL findings by severity", "FAIL findings in the latest audit.",
               [target(f"sum by (severity) (mirrorguard_findings{sel})", "{{severity}}", instant=True)], "none",
               [(None, "green"), (1, "red")]), 6, 5)
    L.add(stat("Endpoint certificate expires in", "Time until this instance's endpoint certificate expires.",
               [target('min(instance:mirrorguard_certificate_expiry:seconds_remaining'
                       '{instance="$instance",usage="endpoint"})', instant=True)], "s",
               [(None, "red"), (7 * 86400, "orange"), (30 * 86400, "green")]), 4, 5)
    L.add(stat("Last audit duration", "Wall time of the last audit.",
               [target(f"mirrorguard_audit_duration_seconds{sel}", instant=True)], "s", [(None, "blue")]), 3, 5)

    L.row("Compliance")
    L.add(timeseries("FAIL findings by severity", "FAIL findings of the latest audits, stacked by severity.",
                     [target(f"sum by (severity) (mirrorguard_findings{sel})", "{{severity}}")], "none",
                     severity_overrides(), stacked_bars=True), 12, 8)
    L.add(timeseries("Compliance over time", "Share of applicable rule checks that pass.",
                     [target(f"instance:mirrorguard_rule_checks:pass_ratio{sel}", "{{instance}}")], "percentunit",
                     minimum=0, maximum=1), 12, 8)
    L.add(rule_failures_table(f"max by (rule, severity) (mirrorguard_rule_failures{sel}) > 0", False), 16, 9)
    L.add(panel("bargauge", "Checks by outcome", "Findings of the latest audit by outcome.",
                [target(f"sum by (outcome) (mirrorguard_checks{sel})", "{{outcome}}", instant=True)], "none",
                {"color": {"mode": "fixed", "fixedColor": "blue"}, "min": 0,
                 "thresholds": thresholds((None, "blue"))},
                {"displayMode": "basic", "orientation": "horizontal", "showUnfilled": True,
                 "reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False}},
                [{"matcher": {"id": "byName", "options": name},
                  "properties": [{"id": "color", "value": {"mode": "fixed", "fixedColor": colour}}]}
                 for name, colour in (("PASS", "green"), ("FAIL", "red"), ("ERROR", "purple"),
                                      ("NOT_APPLICABLE", "text"))]), 8, 9)

    L.row("Certificates and endpoint")
    L.add(certificates_table(sel, False), 24, 8)
    L.add(endpoints_table(sel, False), 24, 5)

    L.row("Trust")
    L.add(state_timeline("$instance trusts", "Per peer: does $instance hold everything the peer needs to connect "
                         "to it?", [target(f"mirrorguard_peer_trust{sel}", "{{peer}}")], TRUST_MAPPING), 12, 7)
    L.add(state_timeline("Trusts $instance", "Per peer: does the peer hold everything $instance needs to connect "
                         "to it?", [target('mirrorguard_peer_trust{peer="$instance"}', "{{instance}}")],
                         TRUST_MAPPING), 12, 7)

    L.row("Audit")
    L.add(timeseries("Audit duration", "Wall time of each audit.",
                     [target(f"mirrorguard_audit_duration_seconds{sel}", "duration")], "s", minimum=0), 8, 7)
    L.add(timeseries("Audits per hour by outcome", "Audits in the last hour, by outcome.",
                     [target(f"sum by (outcome) (increase(mirrorguard_audits_total{sel}[1h]))", "{{outcome}}")],
                     "none", minimum=0), 8, 7)
    L.add(timeseries("Remediations per hour", "Remediations in the last hour by rule, mode and outcome.",
                     [target(f"sum by (rule, mode, outcome) (increase(mirrorguard_remediations_total{sel}[1h]))",
                             "{{rule}} {{mode}} {{outcome}}")], "none", minimum=0), 8, 7)
    return dashboard("mirrorguard-instance", "mirrorguard / Instance",
                     "Mirroring-endpoint certificate security of one SQL Server instance.", L, True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=pathlib.Path(__file__).resolve().parent,
                        help="directory to write the dashboards to (default: next to this script)")
    out = parser.parse_args().out
    for name, build in (("mirrorguard-fleet.json", fleet), ("mirrorguard-instance.json", instance)):
        (out / name).write_text(json.dumps(build(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
