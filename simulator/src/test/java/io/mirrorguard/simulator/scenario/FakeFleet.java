package io.mirrorguard.simulator.scenario;

import io.mirrorguard.simulator.api.BatchResult;
import io.mirrorguard.simulator.api.CancelToken;
import io.mirrorguard.simulator.api.Fault;
import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlParam;
import io.mirrorguard.simulator.api.SqlSession;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fleet that understands just enough T-SQL to test the runner: {@code USE db}, {@code PRINT 'text'}, and
 * {@code RAISE number severity text} (an error on that batch line). Records everything it saw, in order.
 */
final class FakeFleet implements ScenarioFleet {
    final Map<String, FakeInstance> instances = new LinkedHashMap<>();
    final List<String> events = new ArrayList<>();
    Instant clock = Instant.EPOCH;

    @Override
    public FakeInstance instance(String name) {
        return instances.computeIfAbsent(name.toUpperCase(Locale.ROOT), n -> {
            events.add("create " + name);
            return new FakeInstance(name);
        });
    }

    @Override
    public void setClock(Instant now) {
        clock = now;
        events.add("clock " + now);
    }

    final class FakeInstance implements ScenarioFleet.Instance {
        final String name;
        Fault fault = Fault.NONE;
        int sessionsOpened;
        int sessionsClosed;

        FakeInstance(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SqlSession adminSession() {
            sessionsOpened++;
            return new FakeSession(this);
        }

        @Override
        public void setFault(Fault f) {
            if (fault != Fault.NONE || f == null) throw new IllegalStateException("fault set twice");
            fault = f;
            events.add("fault " + name + " " + f.kind());
        }
    }

    final class FakeSession implements SqlSession {
        private final FakeInstance owner;
        private String database = "master";

        FakeSession(FakeInstance owner) {
            this.owner = owner;
        }

        @Override
        public String database() {
            return database;
        }

        @Override
        public String loginName() {
            return "sa";
        }

        @Override
        public BatchResult execute(String sql, List<SqlParam> params, CancelToken cancel) {
            if (owner.fault != Fault.NONE) throw new IllegalStateException("fault active while the scenario runs");
            events.add(owner.name + "@" + database + " <- " + sql.strip());
            List<ResultItem> items = new ArrayList<>();
            String changed = null;
            String[] lines = sql.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i].strip();
                if (l.regionMatches(true, 0, "USE ", 0, 4)) {
                    database = l.substring(4).replace(";", "").strip();
                    changed = database;
                } else if (l.startsWith("PRINT '")) {
                    items.add(new ResultItem.Message(0, 1, 0, l.substring(7, l.lastIndexOf('\'')), i + 1));
                } else if (l.startsWith("RAISE ")) {
                    String[] w = l.split(" ", 4);
                    items.add(new ResultItem.Message(Integer.parseInt(w[1]), 1, Integer.parseInt(w[2]), w[3], i + 1));
                    break;
                }
            }
            return new BatchResult(items, changed, false);
        }

        @Override
        public void close() {
            owner.sessionsClosed++;
        }
    }
}
