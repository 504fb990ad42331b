package dev.drydock.core.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files the runtime user needs: the server program resolves on PATH and is executable, the
 * working directory and the installed packages (Python site-packages, node_modules) are readable,
 * and the directories the service writes to are writable. Paths are found as root (so a folder the
 * user cannot enter is still seen) and tested as the container's user.
 */
final class FilesCheck {

    static final String ID = "files";

    /** How a path must be accessible. */
    enum Need {
        EXECUTE("x"), READ("r"), READ_FILE("f"), WRITE("w");

        final String flag;

        Need(String flag) {
            this.flag = flag;
        }
    }

    /** One path tested: what it is, what is needed, whether it exists and whether the user has access. */
    record PathAccess(String role, String path, Need need, boolean exists, boolean allowed) {

        boolean ok() {
            return exists && allowed;
        }

        String line() {
            String verb = switch (need) {
                case EXECUTE -> "executable";
                case READ, READ_FILE -> "readable";
                case WRITE -> "writable";
            };
            return (ok() ? "ok      " : exists ? "DENIED  " : "MISSING ") + role + " " + path
                    + (ok() ? " is " + verb : exists ? " is not " + verb + " by the runtime user" : " does not exist");
        }
    }

    private static final Set<String> INITS = Set.of("tini", "tini-static", "catatonit", "docker-init", "dumb-init");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh");

    /** Lists each existing site-packages / dist-packages folder Python uses, and the app's node_modules. */
    private static final String LIST_PACKAGES = "if command -v python3 >/dev/null 2>&1; then"
            + " python3 -c 'import sys; print(\"\\n\".join(p for p in sys.path if p.endswith(\"-packages\")))'"
            + " 2>/dev/null | while read -r p; do [ -d \"$p\" ] && echo \"$p\"; done; fi;"
            + " for n in \"$1/node_modules\" /app/node_modules; do [ -d \"$n\" ] && echo \"$n\"; done; true";

    /** Prints {@code ok PATH} or {@code no PATH} for each (flag, path) pair given as arguments. */
    private static final String TEST_PATHS = "while [ $# -gt 1 ]; do f=$1; p=$2; shift 2;"
            + " case $f in r) test -r \"$p\" && test -x \"$p\";; f) test -r \"$p\";; w) test -w \"$p\";; x) test -x \"$p\";; e) test -e \"$p\";; esac"
            + " && echo \"ok $p\" || echo \"no $p\"; done";

    private final ContainerEngine engine;
    private final String container;

    FilesCheck(ContainerEngine engine, String container) {
        this.engine = engine;
        this.container = container;
    }

    CheckResult run(RunPlan plan, boolean hasShell) {
        String program = serverProgram(plan.command());
        boolean script = program != null && isShellScript(plan.command(), program);
        if (!hasShell) {
            return CheckResult.skip(ID, "the image has no shell to test files with"
                    + (program == null ? "" : "; the server program is " + program));
        }
        List<PathAccess> checked = new ArrayList<>();
        if (program != null && !script) {
            checked.add(program(program));
        }
        Map<String, Need> wanted = new LinkedHashMap<>();
        Map<String, String> roles = new LinkedHashMap<>();
        if (script) {
            wanted.put(program, Need.READ_FILE);
            roles.put(program, "server script");
        }
        if (!plan.workdir().isEmpty()) {
            wanted.put(plan.workdir(), Need.READ);
            roles.put(plan.workdir(), "working directory");
        }
        for (RunPlan.WritableDir dir : plan.writableDirs()) {
            wanted.put(dir.path(), Need.WRITE);
            roles.put(dir.path(), "writable directory (" + dir.reason() + ")");
        }
        for (String packages : lines(engine.exec(container, "0", List.of("sh", "-c", LIST_PACKAGES, "sh", plan.workdir())))) {
            wanted.putIfAbsent(packages, Need.READ);
            roles.putIfAbsent(packages, "packages");
        }
        checked.addAll(test(wanted, roles));
        return evaluate(checked);
    }

    static CheckResult evaluate(List<PathAccess> checked) {
        if (checked.isEmpty()) {
            return CheckResult.skip(ID, "nothing to test");
        }
        List<String> lines = checked.stream().map(PathAccess::line).toList();
        List<PathAccess> bad = checked.stream().filter(p -> !p.ok()).toList();
        if (bad.isEmpty()) {
            return CheckResult.pass(ID, checked.size() + " path(s) accessible to the runtime user").withLines(lines);
        }
        PathAccess first = bad.get(0);
        return CheckResult.fail(ID, first.line().substring(8) + (bad.size() > 1 ? " (and " + (bad.size() - 1) + " more)" : ""))
                .withLines(lines);
    }

    /**
     * The program the container's command starts: after an init and its {@code --}, the first word of
     * a {@code sh -c} script (past {@code exec} and variable assignments), or a shell script's path.
     */
    static String serverProgram(List<String> command) {
        int i = 0;
        while (i < command.size() && INITS.contains(MainProcessCheck.basename(command.get(i)))) {
            i++;
            while (i < command.size() && command.get(i).startsWith("-")) {
                i++;
            }
        }
        if (i >= command.size()) {
            return null;
        }
        String program = command.get(i);
        if (SHELLS.contains(MainProcessCheck.basename(program)) && i + 1 < command.size()) {
            String next = command.get(i + 1);
            if (next.equals("-c") && i + 2 < command.size()) {
                for (String word : command.get(i + 2).trim().split("\\s+")) {
                    if (!word.equals("exec") && !word.matches("[A-Za-z_][A-Za-z0-9_]*=.*") && !word.isEmpty()) {
                        return word.replaceAll("[;&|]+$", "");
                    }
                }
                return null;
            }
            if (!next.startsWith("-")) {
                return next;
            }
        }
        return program;
    }

    /** Whether the program is a script a shell runs ({@code sh /entrypoint.sh}): it needs to be readable only. */
    static boolean isShellScript(List<String> command, String program) {
        int at = command.indexOf(program);
        return at > 0 && SHELLS.contains(MainProcessCheck.basename(command.get(at - 1)));
    }

    private PathAccess program(String program) {
        CommandResult asUser = engine.exec(container, null, List.of("sh", "-c", "command -v \"$1\"", "sh", program));
        String resolved = asUser.ok() ? asUser.stdout().strip() : "";
        if (!resolved.isEmpty() && resolved.startsWith("/")) {
            boolean executable = engine.exec(container, null, List.of("sh", "-c", "test -x \"$1\"", "sh", resolved)).ok();
            return new PathAccess("server program", resolved, Need.EXECUTE, true, executable);
        }
        CommandResult asRoot = engine.exec(container, "0", List.of("sh", "-c", "command -v \"$1\"", "sh", program));
        String rootPath = asRoot.ok() ? asRoot.stdout().strip() : "";
        if (!rootPath.isEmpty()) {
            return new PathAccess("server program", program.contains("/") ? program : rootPath, Need.EXECUTE, true, false);
        }
        return new PathAccess("server program", program, Need.EXECUTE, false, false);
    }

    private List<PathAccess> test(Map<String, Need> wanted, Map<String, String> roles) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<String> exists = new ArrayList<>(List.of("sh", "-c", TEST_PATHS, "sh"));
        List<String> access = new ArrayList<>(exists);
        wanted.forEach((path, need) -> {
            exists.addAll(List.of("e", path));
            access.addAll(List.of(need.flag, path));
        });
        Set<String> present = okPaths(engine.exec(container, "0", exists));
        Set<String> allowed = okPaths(engine.exec(container, null, access));
        List<PathAccess> result = new ArrayList<>();
        wanted.forEach((path, need) -> result.add(new PathAccess(roles.get(path), path, need, present.contains(path),
                allowed.contains(path))));
        return result;
    }

    private static Set<String> okPaths(CommandResult result) {
        Set<String> ok = new java.util.HashSet<>();
        for (String line : lines(result)) {
            if (line.startsWith("ok ")) {
                ok.add(line.substring(3));
            }
        }
        return ok;
    }

    private static List<String> lines(CommandResult result) {
        return result.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
