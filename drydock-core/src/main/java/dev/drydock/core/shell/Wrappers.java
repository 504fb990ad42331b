package dev.drydock.core.shell;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Commands that run another command given in their arguments ({@code sudo apt-get ...}): how to find
 * the command they run. Only wrappers whose whole argument syntax is simple enough are listed.
 */
final class Wrappers {

    private Wrappers() {}

    /**
     * @param valueOptions options followed by a value (as the next word, or attached for short ones)
     * @param stopOptions options meaning no command is run ({@code command -v})
     * @param positionals operands before the command ({@code timeout 10 cmd}, {@code gosu user cmd})
     * @param assignments {@code NAME=value} words may come before the command
     * @param dashIsOption a lone {@code -} is an option ({@code env -})
     */
    record Spec(Set<String> valueOptions, Set<String> stopOptions, int positionals, boolean assignments,
            boolean dashIsOption) {}

    private static Spec spec(int positionals, boolean assignments, String... valueOptions) {
        return new Spec(Set.of(valueOptions), Set.of(), positionals, assignments, false);
    }

    static final Map<String, Spec> SPECS = Map.ofEntries(
            Map.entry("sudo", new Spec(Set.of("-u", "-g", "-C", "-D", "-p", "-r", "-t", "-T", "-U", "--user", "--group",
                    "--close-from", "--chdir", "--prompt", "--role", "--type", "--command-timeout", "--other-user",
                    "--host"), Set.of("-l", "--list", "-v", "--validate", "-K", "--remove-timestamp", "-V",
                    "--version", "-e", "--edit", "--help"), 0, true, false)),
            Map.entry("doas", new Spec(Set.of("-u", "-C"), Set.of(), 0, false, false)),
            Map.entry("env", new Spec(Set.of("-u", "--unset", "-C", "--chdir", "-S", "--split-string", "-P"),
                    Set.of("--help", "--version"), 0, true, true)),
            Map.entry("exec", spec(0, false, "-a")),
            Map.entry("command", new Spec(Set.of(), Set.of("-v", "-V"), 0, false, false)),
            Map.entry("builtin", spec(0, false)),
            Map.entry("nice", spec(0, false, "-n", "--adjustment")),
            Map.entry("nohup", spec(0, false)),
            Map.entry("time", spec(0, false, "-f", "--format", "-o", "--output")),
            Map.entry("timeout", spec(1, false, "-s", "--signal", "-k", "--kill-after")),
            Map.entry("stdbuf", spec(0, false, "-i", "-o", "-e", "--input", "--output", "--error")),
            Map.entry("ionice", spec(0, false, "-c", "-n", "-p", "-P", "-u", "--class", "--classdata", "--pid",
                    "--pgid", "--uid")),
            Map.entry("setsid", spec(0, false)),
            Map.entry("chroot", spec(1, false, "--userspec", "--groups")),
            Map.entry("gosu", spec(1, false)),
            Map.entry("su-exec", spec(1, false)),
            Map.entry("tini", spec(0, false, "-e", "-p")),
            Map.entry("dumb-init", spec(0, false, "-r", "--rewrite")),
            Map.entry("busybox", spec(0, false)),
            Map.entry("eatmydata", spec(0, false)),
            Map.entry("xargs", spec(0, false, "-a", "--arg-file", "-d", "--delimiter", "-E", "-I", "-L", "-n",
                    "--max-args", "-P", "--max-procs", "-s", "--max-chars", "--process-slot-var", "--max-lines")));

    /**
     * The index in {@code words} of the command run by the wrapper whose arguments start at
     * {@code from}, or -1 when it runs none; {@code assignments} receives {@code NAME=value} words
     * passed to the command's environment.
     */
    static int unwrap(Spec spec, List<Word> words, int from, List<Assignment> assignments) {
        int n = words.size();
        int i = from;
        while (i < n) {
            String v = words.get(i).value();
            if (v.equals("--")) {
                i++;
                break;
            }
            if (v.equals("-") && spec.dashIsOption()) {
                i++;
                continue;
            }
            if (v.length() < 2 || v.charAt(0) != '-') {
                break;
            }
            if (v.startsWith("--")) {
                int eq = v.indexOf('=');
                String name = eq > 0 ? v.substring(0, eq) : v;
                if (spec.stopOptions().contains(name)) {
                    return -1;
                }
                i += eq < 0 && spec.valueOptions().contains(v) ? 2 : 1;
                continue;
            }
            if (spec.stopOptions().contains(v)) {
                return -1;
            }
            if (spec.valueOptions().contains(v)) {
                i += 2;
                continue;
            }
            int skip = 1;
            for (int k = 1; k < v.length(); k++) {
                String name = "-" + v.charAt(k);
                if (spec.stopOptions().contains(name)) {
                    return -1;
                }
                if (spec.valueOptions().contains(name)) {
                    if (k == v.length() - 1) {
                        skip = 2;
                    }
                    break;
                }
            }
            i += skip;
        }
        if (spec.assignments()) {
            while (i < n && words.get(i).asAssignment().isPresent()) {
                assignments.add(words.get(i).asAssignment().get());
                i++;
            }
        }
        i += spec.positionals();
        return i < n ? i : -1;
    }
}
