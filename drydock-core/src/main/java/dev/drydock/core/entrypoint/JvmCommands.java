package dev.drydock.core.entrypoint;

import dev.drydock.core.shell.ShellWords;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** JVM programs: java (with JVM options) and the build tools that run applications from sources. */
final class JvmCommands {

    private JvmCommands() {}

    private static final OptionSpec MAVEN = OptionSpec.of("-f|--file=", "-P|--activate-profiles=", "-pl|--projects=",
            "-s|--settings=", "-gs|--global-settings=", "-T|--threads=", "-D|--define=", "-q|--quiet", "-B|--batch-mode",
            "-e|--errors", "-U|--update-snapshots", "-o|--offline", "-ntp|--no-transfer-progress", "-am|--also-make",
            "-X|--debug", "-Dmaven.test.skip");
    private static final OptionSpec GRADLE = OptionSpec.of("-p|--project-dir=", "-P|--project-prop=", "-D|--system-prop=",
            "--no-daemon", "--daemon", "-q|--quiet", "-i|--info", "-s|--stacktrace", "--offline", "-x|--exclude-task=",
            "--args=", "--console=", "-b|--build-file=", "-c|--settings-file=", "--no-build-cache", "--build-cache",
            "--continuous|-t", "--warning-mode=");

    private static final Set<String> JAVA_VALUE_OPTIONS = Set.of("-cp", "-classpath", "--class-path", "-p",
            "--module-path", "--upgrade-module-path", "--add-modules", "--limit-modules", "--add-reads",
            "--add-exports", "--add-opens", "--patch-module", "--source", "--enable-native-access", "-d",
            "--describe-module");

    static EntryPoint java(CommandReader r, List<String> argv) {
        for (String var : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
            String value = r.env.get(var);
            if (value != null) {
                for (String option : ShellWords.split(value)) {
                    jvmOption(r, option, null);
                }
            }
        }
        int i = 1;
        Target target = Target.NONE;
        boolean jarMode = false; // -jar only switches the mode: the jar is the first argument that is no option
        while (i < argv.size()) {
            String arg = argv.get(i);
            if (arg.equals("-jar")) {
                jarMode = true;
                i++;
                continue;
            }
            if (arg.equals("-m") || arg.equals("--module")) {
                target = Target.mainClass(i + 1 < argv.size() ? argv.get(i + 1) : "");
                i += 2;
                break;
            }
            if (arg.startsWith("@")) {
                r.notes.add("java reads more options from the argument file " + arg.substring(1));
                r.unresolved.add(arg);
                i++;
                continue;
            }
            if (!arg.startsWith("-")) {
                target = jarMode || arg.endsWith(".java") ? Target.file(arg, r.abs(arg)) : Target.mainClass(arg);
                i++;
                break;
            }
            if (JAVA_VALUE_OPTIONS.contains(arg) && i + 1 < argv.size()) {
                jvmOption(r, arg, argv.get(++i));
            } else {
                jvmOption(r, arg, null);
            }
            i++;
        }
        if (jarMode && target.kind() == Target.Kind.NONE) {
            target = Target.file("", r.abs(""));
        }
        if (target.kind() == Target.Kind.CLASS && target.value().startsWith("org.springframework.boot.loader.")) {
            r.notes.add("Spring Boot launcher: the application is an exploded (layered) Spring Boot jar");
        }
        Map<String, String> options = new LinkedHashMap<>(OptionSpec.NONE.parse(argv.subList(Math.min(i, argv.size()), argv.size()), false).options());
        return r.done(Runtime.JAVA, target, options, argv, List.of(),
                target.kind() == Target.Kind.FILE ? List.of(target.path()) : List.of());
    }

    /** Records one JVM option: -Xmx512m, -XX:+UseG1GC, -XX:MaxRAMPercentage=75, -Dkey=value, -javaagent:x. */
    private static void jvmOption(CommandReader r, String option, String separateValue) {
        if (separateValue != null) {
            OptionSpec.put(r.interpreter, option, separateValue);
            return;
        }
        for (String memory : List.of("-Xmx", "-Xms", "-Xss", "-Xmn")) {
            if (option.startsWith(memory) && option.length() > memory.length()) {
                r.interpreter.put(memory, option.substring(memory.length()));
                return;
            }
        }
        if (option.startsWith("-XX:+") || option.startsWith("-XX:-")) {
            r.interpreter.put("-XX:" + option.substring(5), option.charAt(4) == '+' ? "true" : "false");
            return;
        }
        int eq = option.indexOf('=');
        if (option.startsWith("-XX:") || option.startsWith("-D") || option.startsWith("--")) {
            if (eq > 0) {
                r.interpreter.put(option.substring(0, eq), option.substring(eq + 1));
            } else {
                r.interpreter.put(option, "true");
            }
            return;
        }
        int colon = option.indexOf(':');
        if (colon > 0) {
            OptionSpec.put(r.interpreter, option.substring(0, colon), option.substring(colon + 1));
            return;
        }
        r.interpreter.put(option, "true");
    }

    static EntryPoint maven(CommandReader r, List<String> argv) {
        OptionSpec.Parsed parsed = MAVEN.parse(argv.subList(1, argv.size()), false);
        Map<String, String> options = new LinkedHashMap<>(parsed.options());
        String goals = String.join(" ", parsed.positionals());
        options.put("goals", goals);
        boolean bootRun = parsed.positionals().stream().anyMatch(g -> g.equals("spring-boot:run") || g.endsWith("spring-boot-maven-plugin:run") || g.matches(".*spring-boot-maven-plugin:[^:]+:run"));
        if (parsed.positionals().stream().anyMatch(g -> g.equals("quarkus:dev"))) {
            r.notes.add("quarkus:dev is Quarkus's development mode");
        }
        return r.done(bootRun ? Runtime.SPRING_BOOT_RUN : Runtime.MAVEN, Target.directory(".", r.workdir), options, argv);
    }

    static EntryPoint gradle(CommandReader r, List<String> argv) {
        OptionSpec.Parsed parsed = GRADLE.parse(argv.subList(1, argv.size()), false);
        Map<String, String> options = new LinkedHashMap<>(parsed.options());
        options.put("tasks", String.join(" ", parsed.positionals()));
        boolean bootRun = parsed.positionals().stream().anyMatch(t -> t.equals("bootRun") || t.endsWith(":bootRun"));
        return r.done(bootRun ? Runtime.SPRING_BOOT_RUN : Runtime.GRADLE, Target.directory(".", r.workdir), options, argv);
    }
}
