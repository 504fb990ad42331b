package dev.drydock.core.verify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One check of one image.
 *
 * @param check the check's id: build, size, user, health, pid1, stop, files
 * @param status pass, fail or skip
 * @param detail one line saying what was found
 * @param lines further lines: a build log excerpt, one line per file checked ...
 * @param facts measured values, by name (durations in milliseconds, sizes in bytes), for JSON
 */
public record CheckResult(String check, CheckStatus status, String detail, List<String> lines, Map<String, Object> facts) {

    public CheckResult {
        lines = List.copyOf(lines);
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    public static CheckResult pass(String check, String detail) {
        return new CheckResult(check, CheckStatus.PASS, detail, List.of(), Map.of());
    }

    public static CheckResult fail(String check, String detail) {
        return new CheckResult(check, CheckStatus.FAIL, detail, List.of(), Map.of());
    }

    public static CheckResult skip(String check, String detail) {
        return new CheckResult(check, CheckStatus.SKIP, detail, List.of(), Map.of());
    }

    public CheckResult withLines(List<String> more) {
        return new CheckResult(check, status, detail, more, facts);
    }

    public CheckResult with(String fact, Object value) {
        Map<String, Object> all = new LinkedHashMap<>(facts);
        all.put(fact, value);
        return new CheckResult(check, status, detail, lines, all);
    }

    public boolean failed() {
        return status == CheckStatus.FAIL;
    }
}
