package io.mirrorguard.agent.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every configuration problem so that one run of the loader reports all of them. */
final class Problems {

    private final List<String> list = new ArrayList<>();

    void add(String path, String message) {
        list.add((path == null || path.isEmpty() ? "(root)" : path) + ": " + message);
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<String> list() {
        return List.copyOf(list);
    }
}
