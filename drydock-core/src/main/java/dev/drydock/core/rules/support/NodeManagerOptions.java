package dev.drydock.core.rules.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The options of npm, pnpm, yarn and bun that take the next word as their value ({@code npm --prefix web ci},
 * {@code pnpm -C web install}, {@code yarn --cwd web}, {@code npm ci --omit dev}), so that the value is read neither as
 * the subcommand nor as a package name.
 */
public final class NodeManagerOptions {

    private static final Set<String> NPM = Set.of("--prefix", "-w", "--workspace", "--omit", "--include", "--only",
            "--registry", "--cache", "--loglevel", "--userconfig", "--install-strategy", "--tag");
    private static final Set<String> PNPM = Set.of("-C", "--dir", "-F", "--filter", "--reporter", "--loglevel",
            "--registry", "--store-dir", "--modules-dir", "--virtual-store-dir");
    private static final Set<String> YARN = Set.of("--cwd", "--modules-folder", "--cache-folder", "--registry",
            "--network-timeout", "--mutex", "--global-folder");
    private static final Set<String> BUN = Set.of("--cwd", "--registry", "--cache-dir", "-c", "--config", "--omit",
            "--backend");

    private NodeManagerOptions() {}

    /** Whether {@code program} is npm, pnpm, yarn or bun. */
    public static boolean isManager(String program) {
        return program.equals("npm") || program.equals("pnpm") || program.equals("yarn") || program.equals("bun");
    }

    /** The options of {@code manager} (npm, pnpm, yarn or bun) whose value may follow as the next word. */
    public static Set<String> valueOptions(String manager) {
        return switch (manager) {
            case "npm" -> NPM;
            case "pnpm" -> PNPM;
            case "yarn" -> YARN;
            case "bun" -> BUN;
            default -> Set.of();
        };
    }

    /** The same, as {@link Call#options(String...)} takes them. */
    public static String[] valueOptionArray(String manager) {
        return valueOptions(manager).toArray(String[]::new);
    }

    /**
     * The words of {@code args} (what follows the manager's name) that are neither options nor option values, in
     * order: the subcommand first ({@code ci} of {@code npm --prefix web ci}), then its operands. {@code --} ends the
     * options.
     */
    public static List<String> operands(String manager, List<String> args) {
        Set<String> valued = valueOptions(manager);
        List<String> out = new ArrayList<>();
        boolean end = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (end || !a.startsWith("-") || a.equals("-")) {
                out.add(a);
            } else if (a.equals("--")) {
                end = true;
            } else if (valued.contains(a)) {
                i++;
            }
        }
        return out;
    }
}
