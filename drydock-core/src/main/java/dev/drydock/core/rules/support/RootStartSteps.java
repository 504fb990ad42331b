package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.Origin;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.CommandNode;
import dev.drydock.core.shell.Connector;
import dev.drydock.core.shell.Redirect;
import dev.drydock.core.shell.RedirectOperator;
import dev.drydock.core.shell.ShellCommands;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.Word;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The steps of the project's entry-point scripts that only root can take, for a container that starts as root and
 * never switches users ({@link PrivilegeDrop} finds those that do): changing a file's owner ({@code chown -R www-data
 * /var/www/storage} of a mounted folder), writing under /etc or another system folder (a symbolic link made in
 * /lib), {@code update-ca-certificates}, {@code sysctl},
 * package installs, user database changes. Under a USER each of them fails with "Operation not permitted" or
 * "Permission denied", which stops a script run with {@code set -e} before it starts the server: a USER alone
 * breaks such an image. Steps whose failure the script tolerates ({@code chown ... || true}) or that a switcher runs
 * as another user are left out, and so is every step of a script that checks which user it runs as ({@code id -u},
 * {@code $EUID}): such a script already takes its own path under a USER.
 */
public final class RootStartSteps {

    /**
     * A step only root can take.
     *
     * @param file the script's path in the project
     * @param line its line
     * @param text the command as written
     * @param program the program (chown, update-ca-certificates ...), or the writer of a file under /etc
     * @param needs why it needs root, as a clause ("changes the owner of /var/www/storage")
     * @param stopsScript whether the failure stops the script before the server starts: it runs with errexit, or the
     *     step is joined to what follows with {@code &&}
     * @param owner for chown, the owner it sets as written (www-data:www-data), else null
     * @param path for chown, the path it changes; for a write under /etc, the file; else null
     * @param span the command in the script's file, or the instruction or key whose command the script is
     */
    public record Step(String file, int line, String text, String program, String needs, boolean stopsScript,
            String owner, String path, Span span) {

        /** {@code start.fpm.sh line 3 (`chown -R www-data:www-data /var/www/storage`)}. */
        public String where() {
            return file + " line " + line + " (`" + ShortText.of(text, 70) + "`)";
        }
    }

    /**
     * The last command of a script that starts the main program ({@code exec php-fpm}, {@code exec "$@"}), where a
     * privilege drop goes.
     */
    public record Exec(String file, int line, String text, List<String> words) {}

    private static final Set<String> USER_DATABASE = Set.of("useradd", "groupadd", "adduser", "addgroup", "usermod",
            "groupmod", "userdel", "deluser");
    private static final Set<String> PACKAGE_MANAGERS = Set.of("apt-get", "apt", "apk", "dnf", "yum", "microdnf");
    private static final Set<String> PRIVILEGED = Set.of("setcap", "mount", "iptables", "ip6tables", "modprobe");
    /** Programs whose last operand is a file they write. */
    private static final Set<String> FILE_WRITERS = Set.of("cp", "mv", "ln", "install", "tee");
    /** Programs that make the file their last operand names: {@code fallocate -l 512M /swapfile}. */
    private static final Set<String> FILE_MAKERS = Set.of("fallocate", "truncate");
    private static final Set<String> SWAP = Set.of("swapon", "swapoff");
    private static final Set<String> SWITCHERS = Set.of("gosu", "su-exec", "s6-setuidgid", "setuidgid", "chpst",
            "setpriv", "runuser", "su", "sudo", "chroot");
    /** How a script checks the user it runs as, to take root-only steps only as root. */
    private static final Pattern CHECKS_USER = Pattern.compile("\\bid\\s+-u\\b|\\$\\{?EUID\\b|\\$\\{?UID\\b|\\bwhoami\\b"
            + "|\\bid\\s+-un\\b");

    private RootStartSteps() {}

    /** The root-only steps of the container's entry-point scripts and of the shell script its command runs, in order. */
    public static List<Step> of(Container c) {
        return steps(c, RootStartSteps::needsRoot, redirects -> rootWrite("a redirection",
                (copies, where) -> redirected(redirects, where)));
    }

    /**
     * Every file or folder the start scripts write at an absolute path, by the same reading ({@code sed -i}, a
     * redirection, the target of cp, mv, ln, install or tee, mkdir): whether that takes root depends on who owns the
     * folder in the image, which the caller knows. {@link Step#path} is the path as written (it may be a glob).
     */
    public static List<Step> writes(Container c) {
        return steps(c, command -> {
            List<String> operands = command.argumentValues().stream().filter(a -> !a.startsWith("-")).toList();
            if (command.name().equals("mkdir")) {
                return operands.stream().filter(PathNames::isAbsolute).findFirst()
                        .map(path -> new Need("mkdir", "creates " + path, null, path));
            }
            return written(command, operands, true, RootStartSteps::writable)
                    .map(path -> new Need(command.name().isEmpty() ? "a redirection" : command.name(), "writes "
                            + path, null, path));
        }, redirects -> redirected(redirects, RootStartSteps::writable)
                .map(path -> new Need("a redirection", "writes " + path, null, path)));
    }

    private static boolean writable(String path) {
        return PathNames.isAbsolute(path) && !path.startsWith("/dev/");
    }

    /**
     * The steps {@code reader} finds in the commands of the start scripts, and {@code groupReader} in the redirections
     * of the compound commands around them ({@code { ...; } > /etc/app.conf}, reported once, at the compound).
     */
    private static List<Step> steps(Container c, java.util.function.Function<Command, Optional<Need>> reader,
            java.util.function.Function<List<Redirect>, Optional<Need>> groupReader) {
        List<Step> steps = new ArrayList<>();
        for (Script script : scripts(c)) {
            if (CHECKS_USER.matcher(script.text()).find()) {
                continue;
            }
            Set<String> swapFiles = new java.util.HashSet<>();
            for (Command command : script.parsed().commands()) {
                if (SWAP.contains(command.name())) {
                    swapFiles.addAll(command.argumentValues());
                }
            }
            Set<CommandNode> groups = new java.util.HashSet<>();
            for (Command command : script.parsed().commands()) {
                if (command.inCondition() && command.followedBy() != Connector.AND || command.followedBy() == Connector.OR
                        || command.wrappers().stream().anyMatch(w -> SWITCHERS.contains(baseName(w.value())))) {
                    continue;
                }
                for (CommandNode group : command.redirectedBy()) {
                    if (groups.add(group)) {
                        groupReader.apply(group.redirects()).ifPresent(step -> steps.add(new Step(script.file(),
                                script.line(group.span()), script.groupText(group), step.program(), step.needs(),
                                command.errexitApplies(), null, step.path(), script.span(group.span()))));
                    }
                }
                // making the file swapon turns on is part of the swap, advised on as one
                reader.apply(command).ifPresent(step -> steps.add(new Step(script.file(), script.line(command),
                        script.text(command), swapFiles.contains(step.path()) ? "swapon" : step.program(), step.needs(),
                        command.errexitApplies() || command.followedBy() == Connector.AND, step.owner(), step.path(),
                        script.span(command))));
            }
        }
        return steps;
    }

    /** The last {@code exec} of the scripts (the one that starts the main program), or empty. */
    public static Optional<Exec> exec(Container c) {
        Exec found = null;
        for (Script script : scripts(c)) {
            for (Command command : script.parsed().commands()) {
                if (!command.wrappers().isEmpty() && baseName(command.wrappers().get(0).value()).equals("exec")
                        && !command.name().isEmpty()) {
                    List<String> words = command.words().subList(1, command.words().size()).stream()
                            .map(Word::value).toList();
                    found = new Exec(script.file(), script.line(command), script.text(command), words);
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * A shell script the container runs as it starts: an entry-point script of the project ({@code source} set, lines
     * its own), or the script of its command ({@code sh -c "..."}, a shell-form CMD), whose lines are the command's.
     */
    private record Script(String file, SourceFile source, Origin origin, String text, ShellScript parsed) {

        int line(Command command) {
            return line(command.span());
        }

        int line(Span span) {
            return source != null ? span.startLine() : origin.line();
        }

        Span span(Command command) {
            return span(command.span());
        }

        Span span(Span span) {
            return source != null ? span : origin.span();
        }

        String text(Command command) {
            return text(command.span());
        }

        String text(Span span) {
            return text.substring(span.start(), span.end()).strip();
        }

        /** A compound command by its first and last lines and its redirections: {@code { ... } > /etc/app.conf}. */
        String groupText(CommandNode group) {
            int redirects = group.redirects().get(0).span().start();
            String body = text.substring(group.span().start(), redirects).strip();
            String rest = text.substring(redirects, group.span().end()).strip();
            int firstBreak = body.indexOf('\n');
            if (firstBreak < 0) {
                return body + " " + rest;
            }
            return body.substring(0, firstBreak).strip() + " ... " + body.substring(body.lastIndexOf('\n') + 1).strip()
                    + " " + rest;
        }
    }

    private static List<Script> scripts(Container c) {
        EntryPoint ep = c.entryPoint();
        List<Script> scripts = new ArrayList<>();
        if (c.build() == null) {
            return scripts;
        }
        List<SourceFile> files = new ArrayList<>();
        List<String> paths = new ArrayList<>(ep == null ? List.of() : ep.scripts());
        paths.addAll(StartScriptPaths.nginxHooks(c));
        for (String script : paths) {
            SourceFile file = c.scripts().find(script).filter(RootStartSteps::shell).filter(f -> !files.contains(f))
                    .orElse(null);
            if (file != null) {
                files.add(file);
                scripts.add(new Script(file.path(), file, null, file.text(), c.scripts().parsed(script).orElseThrow()));
            }
        }
        commandScript(c.command()).ifPresent(scripts::add);
        return scripts;
    }

    /** The shell script of the command itself: a shell-form command's, or the one {@code sh -c} is given. */
    private static Optional<Script> commandScript(EffectiveCommand command) {
        if (command == null) {
            return Optional.empty();
        }
        String text = null;
        if (command.shellForm()) {
            text = command.script();
        } else {
            int script = ShellCommands.commandStringIndex(command.argv());
            text = script < 0 ? null : command.argv().get(script);
        }
        if (text == null) {
            return Optional.empty();
        }
        String script = text;
        Origin origin = command.cmd().contains(script) ? command.cmdOrigin()
                : command.entrypoint().contains(script) ? command.entrypointOrigin() : command.origin();
        return origin == null ? Optional.empty()
                : Optional.of(new Script(origin.file(), null, origin, script, ShellScript.parse(script)));
    }

    private static boolean shell(SourceFile file) {
        if (file.lineCount() == 0) {
            return false;
        }
        String first = file.line(1);
        return first.startsWith("#!") ? first.matches("#!.*\\b(sh|bash|ash|dash|zsh)\\b.*") : file.path().endsWith(".sh");
    }

    private record Need(String program, String needs, String owner, String path) {}

    private static Optional<Need> needsRoot(Command command) {
        String name = command.name();
        List<String> args = command.argumentValues();
        List<String> operands = args.stream().filter(a -> !a.startsWith("-")).toList();
        if (name.equals("chown") && operands.size() >= 2 && !operands.get(0).startsWith(":")) {
            String path = operands.get(operands.size() - 1);
            return Optional.of(new Need(name, "changes the owner of " + path + ", which takes root (chown: Operation not"
                    + " permitted)", operands.get(0), path));
        }
        if (name.equals("update-ca-certificates")) {
            return Optional.of(new Need(name, "writes the trust store under /etc/ssl, which belongs to root", null, null));
        }
        Optional<Need> trustStore = jdkTrustStore(command, args);
        if (trustStore.isPresent()) {
            return trustStore;
        }
        if (name.equals("sysctl") && (args.contains("-w") || operands.stream().anyMatch(a -> a.contains("=")))) {
            return Optional.of(new Need(name, "sets a kernel parameter, which takes root", null, null));
        }
        if (USER_DATABASE.contains(name)) {
            return Optional.of(new Need(name, "changes the user database in /etc, which belongs to root", null, null));
        }
        if (PACKAGE_MANAGERS.contains(name) && !operands.isEmpty()
                && Set.of("install", "add", "update", "upgrade").contains(operands.get(0))) {
            return Optional.of(new Need(name, "installs packages, which takes root", null, null));
        }
        if (PRIVILEGED.contains(name)) {
            return Optional.of(new Need(name, "takes root", null, null));
        }
        if (SWAP.contains(name)) {
            return Optional.of(new Need("swapon", "turns swap " + (name.equals("swapoff") ? "off" : "on")
                    + ", which takes root with CAP_SYS_ADMIN (a container has it only when privileged; a Fly.io"
                    + " Machine's root has it)", null, operands.isEmpty() ? null : operands.get(0)));
        }
        return rootWrite(name.isEmpty() ? "a redirection" : name,
                (copies, where) -> written(command, operands, copies, where));
    }

    /**
     * A write only root may make, of the files {@code written} finds among those the predicate accepts (with
     * {@code true}, also the files a copy writes): a kernel parameter under /proc/sys, a new file in /, a file under a
     * system folder.
     */
    private static Optional<Need> rootWrite(String program,
            java.util.function.BiFunction<Boolean, Predicate<String>, Optional<String>> written) {
        Optional<String> kernel = written.apply(true, path -> path.startsWith("/proc/sys/"));
        if (kernel.isPresent()) {
            return Optional.of(new Need("/proc/sys", "sets the kernel parameter " + kernel.get().substring(
                    "/proc/sys/".length()).replace('/', '.') + ", which takes root", null, kernel.get()));
        }
        Optional<String> inRoot = written.apply(false, path -> PathNames.isAbsolute(path)
                && path.length() > 1 && !path.endsWith("/") && PathNames.parent(path).equals("/"));
        if (inRoot.isPresent()) {
            return Optional.of(new Need(program, "creates " + inRoot.get() + " in /, which belongs to root", null,
                    inRoot.get()));
        }
        Optional<String> system = written.apply(true, path -> systemFolder(path) != null);
        return system.map(path -> new Need(program, "writes " + path + ", under " + systemFolder(path)
                + ", which belongs to root", null, path));
    }

    private static final Set<String> KEYTOOL_WRITES = Set.of("-importcert", "-import", "-delete", "-storepasswd",
            "-changealias", "-importkeystore", "-genkeypair", "-genkey");

    /**
     * A keytool command that changes the JDK's trust store: {@code -cacerts}, or a {@code -keystore} (or
     * {@code -destkeystore}) named cacerts, which the JDK image keeps under its root-owned JAVA_HOME or /etc/ssl.
     */
    private static Optional<Need> jdkTrustStore(Command command, List<String> args) {
        if (!baseName(command.name()).equals("keytool") || args.stream().noneMatch(KEYTOOL_WRITES::contains)) {
            return Optional.empty();
        }
        String store = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("-cacerts")) {
                store = "";
            } else if ((args.get(i).equals("-keystore") || args.get(i).equals("-destkeystore")) && i + 1 < args.size()
                    && baseName(args.get(i + 1)).equals("cacerts")) {
                store = args.get(i + 1);
            }
        }
        if (store == null) {
            return Optional.empty();
        }
        return Optional.of(new Need("keytool", "changes the JDK's trust store (cacerts), which belongs to root", null,
                PathNames.isAbsolute(store) ? store : null));
    }

    /**
     * A file the command writes that {@code where} accepts: a redirection's target, the file fallocate or truncate
     * makes, dd's of=; with {@code copies}, also sed -i's file and the target of cp, mv, ln, install or tee (which may
     * name a folder to write into).
     */
    private static Optional<String> written(Command command, List<String> operands, boolean copies,
            Predicate<String> where) {
        Optional<String> redirected = redirected(command.redirects(), where);
        if (redirected.isPresent()) {
            return redirected;
        }
        String name = command.name();
        String last = operands.isEmpty() ? null : operands.get(operands.size() - 1);
        boolean inPlace = inPlaceEdit(name, command.argumentValues());
        if (copies && name.equals("find")) {
            return findEdits(command.argumentValues()).filter(where);
        }
        if (copies && inPlace && command.wrappers().stream().anyMatch(w -> baseName(w.value()).equals("xargs"))) {
            // the files come from what the pipeline feeds xargs
            return command.pipedFrom().flatMap(RootStartSteps::listedFolder).map(folder -> folder + "/*")
                    .filter(where);
        }
        if ((copies && (inPlace || FILE_WRITERS.contains(name)) || FILE_MAKERS.contains(name)) && last != null
                && where.test(last)) {
            return Optional.of(last);
        }
        if (name.equals("dd")) {
            return operands.stream().filter(a -> a.startsWith("of=")).map(a -> a.substring(3)).filter(where)
                    .findFirst();
        }
        return Optional.empty();
    }

    private static boolean inPlaceEdit(String name, List<String> args) {
        return name.equals("sed") && args.stream().anyMatch(a -> a.startsWith("-i") || a.equals("--in-place"));
    }

    /**
     * The files a {@code find} edits in place through {@code -exec sed -i ...} (or {@code -execdir}), as
     * {@code folder/*} of its first starting point; empty for any other find.
     */
    private static Optional<String> findEdits(List<String> args) {
        int exec = Math.max(args.indexOf("-exec"), args.indexOf("-execdir"));
        if (exec < 0 || exec + 1 >= args.size() || !inPlaceEdit(baseName(args.get(exec + 1)),
                args.subList(exec + 1, args.size()))) {
            return Optional.empty();
        }
        return findStart(args).filter(PathNames::isAbsolute).map(folder -> ContainerPaths.clean(folder) + "/*");
    }

    /** find's first starting point: the first argument before its expression ({@code -name}, {@code (}, {@code !}). */
    private static Optional<String> findStart(List<String> args) {
        return args.stream().takeWhile(a -> !a.startsWith("-") && !a.equals("(") && !a.equals("!")).findFirst();
    }

    /** The folder whose files a command lists for the next one in its pipeline: find's, grep -l's, or ls's. */
    private static Optional<String> listedFolder(Command lister) {
        List<String> args = lister.argumentValues();
        List<String> operands = args.stream().filter(a -> !a.startsWith("-")).toList();
        String folder = switch (lister.name()) {
            case "find" -> findStart(args).orElse(null);
            case "grep", "egrep", "rg", "ls" -> operands.isEmpty() ? null : operands.get(operands.size() - 1);
            default -> null;
        };
        return Optional.ofNullable(folder).filter(PathNames::isAbsolute).map(ContainerPaths::clean);
    }

    private static final Set<RedirectOperator> OUTPUTS = Set.of(RedirectOperator.OUT, RedirectOperator.APPEND,
            RedirectOperator.CLOBBER, RedirectOperator.OUT_ALL, RedirectOperator.APPEND_ALL);

    /** The first file these redirections write that {@code where} accepts. */
    private static Optional<String> redirected(List<Redirect> redirects, Predicate<String> where) {
        return redirects.stream().filter(r -> r.target() != null && OUTPUTS.contains(r.operator()))
                .map(r -> r.target().value()).filter(where).findFirst();
    }

    /** The system folders root owns in every image, where a start script cannot write as another user. */
    private static final List<String> SYSTEM_FOLDERS = List.of("/etc", "/lib", "/lib32", "/lib64", "/libx32",
            "/usr/lib", "/usr/lib64", "/bin", "/sbin", "/usr/bin", "/usr/sbin");

    /** The system folder a path lies under ({@code /etc}, {@code /lib}, {@code /usr/bin} ...), or null. */
    private static String systemFolder(String path) {
        return SYSTEM_FOLDERS.stream().filter(folder -> path.startsWith(folder + "/")).findFirst().orElse(null);
    }

    private static String baseName(String program) {
        return program.substring(program.lastIndexOf('/') + 1);
    }
}
