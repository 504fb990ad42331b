package dev.drydock.core.rules.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What system package managers are asked to do in a RUN: which packages {@code apt-get}/{@code apt}/
 * {@code aptitude}, {@code apk}, {@code yum}/{@code dnf}/{@code microdnf}/{@code tdnf} and {@code zypper}
 * install or remove, each package with its word's position.
 */
public final class PackageCommands {

    private PackageCommands() {}

    public enum Manager {
        APT("apt-get", "apt", "aptitude"),
        APK("apk"),
        RPM("yum", "dnf", "dnf5", "microdnf", "tdnf"),
        ZYPPER("zypper");

        private final List<String> programs;

        Manager(String... programs) {
            this.programs = List.of(programs);
        }

        public static Optional<Manager> of(String program) {
            for (Manager m : values()) {
                if (m.programs.contains(program)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    /** A package named on a command line: its name without version, release or architecture. */
    public record Package(String name, Call.Arg word) {}

    /**
     * An install (or removal) command.
     *
     * @param subcommand the {@code install}/{@code add}/{@code remove} word
     * @param packages the packages named, in order
     * @param virtual the name of an {@code apk add --virtual} group, or null
     */
    public record Operation(Manager manager, Call call, Call.Arg subcommand, List<Package> packages, String virtual) {

        public List<String> names() {
            return packages.stream().map(Package::name).toList();
        }
    }

    private static final String[] APT_VALUE_OPTIONS = {"-o", "--option", "-t", "--target-release", "--default-release",
        "-c", "--config-file", "-a", "--host-architecture"};
    private static final String[] APK_VALUE_OPTIONS = {"-t", "--virtual", "-X", "--repository", "-p", "--root",
        "--arch", "--keys-dir", "--cache-dir", "--repositories-file", "--cache-max-age"};
    private static final String[] RPM_VALUE_OPTIONS = {"-x", "--exclude", "--enablerepo", "--disablerepo", "--repo",
        "--repoid", "--releasever", "--installroot", "-c", "--config", "--setopt", "-d", "--debuglevel",
        "-e", "--errorlevel", "--forcearch", "--downloaddir", "--destdir", "--color"};
    private static final String[] ZYPPER_VALUE_OPTIONS = {"-t", "--type", "-r", "--repo", "--from"};

    /**
     * A package manager run: its options read with the manager's value options and its subcommand.
     *
     * @param subcommand the first operand ({@code install}, {@code update}...), or null when there is none
     * @param verb the subcommand in lower case, {@code dnf group install} as {@code groupinstall}; "" when none
     * @param firstOperand the index in {@code options.operands()} of the first operand after the verb
     */
    public record Invocation(Manager manager, Call call, Call.Options options, Call.Arg subcommand, String verb,
            int firstOperand) {

        /** The operands after the subcommand (packages, for an install). */
        public List<Call.Arg> arguments() {
            List<Call.Arg> operands = options.operands();
            return operands.subList(Math.min(firstOperand, operands.size()), operands.size());
        }
    }

    /** How this call runs a package manager, if it runs one. */
    public static Optional<Invocation> invocation(Call call) {
        Optional<Manager> manager = Manager.of(call.name());
        if (manager.isEmpty()) {
            return Optional.empty();
        }
        Call.Options options = switch (manager.get()) {
            case APT -> call.options(APT_VALUE_OPTIONS);
            case APK -> call.options(APK_VALUE_OPTIONS);
            case RPM -> call.options(RPM_VALUE_OPTIONS);
            case ZYPPER -> call.options(ZYPPER_VALUE_OPTIONS);
        };
        List<Call.Arg> operands = options.operands();
        if (operands.isEmpty()) {
            return Optional.of(new Invocation(manager.get(), call, options, null, "", 0));
        }
        Call.Arg sub = operands.get(0);
        int first = 1;
        String verb = sub.value().toLowerCase(Locale.ROOT);
        if (manager.get() == Manager.RPM && (verb.equals("group") || verb.equals("groups")) && operands.size() > 1) {
            verb = "group" + operands.get(1).value().toLowerCase(Locale.ROOT);
            first = 2;
        }
        return Optional.of(new Invocation(manager.get(), call, options, sub, verb, first));
    }

    /** The install command this call is, if it is one. */
    public static Optional<Operation> install(Call call) {
        return operation(call, true);
    }

    /** The removal command this call is, if it is one ({@code apt-get purge}, {@code apk del}, {@code dnf remove}). */
    public static Optional<Operation> removal(Call call) {
        return operation(call, false);
    }

    private static Optional<Operation> operation(Call call, boolean install) {
        Optional<Invocation> run = invocation(call);
        if (run.isEmpty() || run.get().subcommand() == null) {
            return Optional.empty();
        }
        Manager manager = run.get().manager();
        boolean matches = install ? isInstall(manager, run.get().verb()) : isRemoval(manager, run.get().verb());
        if (!matches) {
            return Optional.empty();
        }
        List<Package> packages = new ArrayList<>();
        for (Call.Arg arg : run.get().arguments()) {
            String name = packageName(manager, arg.value());
            if (!name.isEmpty()) {
                packages.add(new Package(name, arg));
            }
        }
        String virtual = manager == Manager.APK
                ? run.get().options().values("-t", "--virtual").stream().findFirst().orElse(null) : null;
        return Optional.of(new Operation(manager, call, run.get().subcommand(), packages, virtual));
    }

    private static boolean isInstall(Manager manager, String verb) {
        return switch (manager) {
            case APT -> verb.equals("install");
            case APK -> verb.equals("add");
            case RPM -> verb.equals("install") || verb.equals("in") || verb.equals("groupinstall")
                    || verb.equals("localinstall");
            case ZYPPER -> verb.equals("install") || verb.equals("in");
        };
    }

    private static boolean isRemoval(Manager manager, String verb) {
        return switch (manager) {
            case APT -> verb.equals("remove") || verb.equals("purge") || verb.equals("autoremove")
                    || verb.equals("autopurge");
            case APK -> verb.equals("del");
            case RPM -> verb.equals("remove") || verb.equals("erase") || verb.equals("autoremove")
                    || verb.equals("groupremove");
            case ZYPPER -> verb.equals("remove") || verb.equals("rm");
        };
    }

    /** Whether {@code word} names a package file by its extension ({@code .deb}, {@code .rpm}, {@code .apk}). */
    public static boolean isPackageFile(String word) {
        return word.endsWith(".deb") || word.endsWith(".rpm") || word.endsWith(".apk");
    }

    /**
     * A package word without version, release or architecture: {@code gcc=4:12.2.0-3} and
     * {@code gcc/bookworm} are {@code gcc}, {@code libpq-dev:amd64} is {@code libpq-dev},
     * {@code musl-dev>=1.2} is {@code musl-dev}; "" for a local file or a word that is only a variable.
     */
    public static String packageName(Manager manager, String word) {
        String w = word.strip();
        if (w.isEmpty() || w.startsWith("/") || w.startsWith("./") || w.startsWith("$") || isPackageFile(w)
                || w.contains("://")) {
            return "";
        }
        int cut = w.length();
        String stops = switch (manager) {
            case APT -> "=/:";
            case APK -> "=<>~@";
            case RPM, ZYPPER -> "=<>";
        };
        for (int i = 0; i < w.length(); i++) {
            if (stops.indexOf(w.charAt(i)) >= 0) {
                cut = i;
                break;
            }
        }
        String name = w.substring(0, cut);
        if (manager == Manager.RPM && name.startsWith("@")) {
            return name; // a group or module
        }
        return name.contains("$") ? name : name.toLowerCase(Locale.ROOT); // a variable keeps its case: $PG_MAJOR
    }
}
