package dev.faultlab.scenarios.parse;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The step kinds of a timeline and the keys each may have. */
final class StepKeys {
    static final Set<String> KINDS = Set.of("wait", "fault", "update", "clear", "sleep", "cut", "publish",
            "subscribe", "expect", "expect_count", "expect_none", "measure", "proxy", "stop", "start", "abort",
            "pause_reading", "resume_reading", "capture");
    static final Set<String> EVENT = Set.of("id", "event", "device", "source", "where", "contains", "from");
    static final Map<String, Set<String>> KEYS = Map.ofEntries(
            Map.entry("wait", with(EVENT, "timeout")),
            Map.entry("fault", Set.of("id", "name", "type", "stream", "device", "toxicity", "attributes")),
            Map.entry("update", Set.of("id", "fault", "attributes")),
            Map.entry("clear", Set.of("id", "faults")),
            Map.entry("cut", Set.of("id", "device", "mode")),
            Map.entry("capture", Set.of("id", "device", "seconds", "file")),
            Map.entry("proxy", Set.of("id", "enabled", "hang")),
            Map.entry("stop", Set.of("id", "device")),
            Map.entry("start", Set.of("id", "device")),
            Map.entry("abort", Set.of("id", "device")),
            Map.entry("pause_reading", Set.of("id", "device")),
            Map.entry("resume_reading", Set.of("id", "device")),
            Map.entry("publish", Set.of("id", "topic", "payload", "size", "qos", "retain", "via")),
            Map.entry("subscribe", Set.of("id", "topic", "qos", "via")),
            Map.entry("expect", with(EVENT, "within")),
            Map.entry("expect_count", with(EVENT, "during", "count", "at_least", "at_most")),
            Map.entry("expect_none", with(EVENT, "during")),
            Map.entry("measure", with(EVENT, "name", "figure", "topic", "within", "between")));

    private StepKeys() {
    }

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> keys = new HashSet<>(base);
        keys.addAll(List.of(more));
        return keys;
    }
}
