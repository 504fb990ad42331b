package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.ScriptRuns;
import dev.drydock.core.shell.WordPart;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container that starts as root only to prepare its files and then runs its main process as another user:
 * {@code gosu}, {@code su-exec}, {@code setpriv --reuid}, {@code runuser -u}, {@code chroot --userspec},
 * {@code su USER -c COMMAND} or {@code s6-setuidgid} in the command or in the entry-point script (the official database images do this), a
 * Python launcher that execs gosu or su-exec ({@link PythonExecSwitch}), or the server's own setting
 * ({@link ServerOwnUser}: uWSGI's uid, gunicorn's --user), then {@code server}.
 */
public record PrivilegeDrop(String user, String tool, String where, String rootByDefault, ServerOwnUser server) {

    /** {@link #where} when the container's own command switches, not a script. */
    public static final String COMMAND = "the container's command";

    public PrivilegeDrop(String user, String tool, String where, String rootByDefault) {
        this(user, tool, where, rootByDefault, null);
    }

    /** Whether the drop happens as the image is run: false when it needs a variable that defaults to root set. */
    public boolean always() {
        return rootByDefault == null;
    }

    /** The wrappers of a command that switch to another user before running the rest. */
    private static final java.util.Set<String> SWITCHERS = java.util.Set.of("gosu", "su-exec", "s6-setuidgid",
            "setuidgid", "chpst", "setpriv", "runuser", "su", "sudo");

    /** A user name or id, or a variable that holds one ({@code $WWWUSER}, {@code ${APP_USER}}). */
    private static final String USER = "(\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?|[A-Za-z0-9_][A-Za-z0-9_.:-]*)";
    private static final Pattern IN_SCRIPT = Pattern.compile(
            "\\b(gosu|su-exec|s6-setuidgid|setuidgid)\\s+[\"']?" + USER
                    + "|\\b(setpriv)\\b[^\\n]*?--reuid[= ][\"']?([A-Za-z0-9_][A-Za-z0-9_.-]*)"
                    + "|\\b(runuser)\\s+-u\\s+[\"']?([A-Za-z0-9_][A-Za-z0-9_.-]*)"
                    + "|\\b(chroot)\\s+--userspec[= ][\"']?([A-Za-z0-9_][A-Za-z0-9_.:-]*)"
                    + "|\\b(su)\\s+(?:(?:-s|--shell|-g|--group|-G|--supp-group)\\s+\\S+\\s+|--?[A-Za-z-]*\\s+)*"
                    + "[\"']?([A-Za-z0-9_][A-Za-z0-9_.-]*)[\"']?\\s+(?:-c|--command)\\b");

    public static Optional<PrivilegeDrop> of(ReviewContext context, Container c) {
        EntryPoint ep = c.entryPoint();
        if (ep == null) {
            return Optional.empty();
        }
        if (ep.user() != null && !RootUser.is(ep.user())) {
            String tool = ep.wrappers().stream().map(w -> w.name()).filter(SWITCHERS::contains).findFirst()
                    .orElse("a wrapper");
            return Optional.of(new PrivilegeDrop(ep.user(), tool, COMMAND, null));
        }
        for (String script : ep.scripts()) {
            SourceFile file = c.scripts().find(script).orElse(null);
            if (file == null) {
                continue;
            }
            if (isPython(file)) {
                Optional<PrivilegeDrop> drop = pythonExec(file);
                if (drop.isPresent()) {
                    return drop;
                }
                continue;
            }
            ShellScript parsed = c.scripts().parsed(script).orElseThrow();
            for (Command handOver : ScriptRuns.handOvers(parsed, ep, c.scripts())) {
                Matcher m = IN_SCRIPT.matcher(text(file, handOver));
                while (m.find()) {
                    for (int g = 1; g < m.groupCount(); g += 2) {
                        if (m.group(g) != null && !RootUser.is(m.group(g + 1))) {
                            String variable = rootDefault(parsed, m.group(g + 1), ep);
                            return Optional.of(new PrivilegeDrop(m.group(g + 1), m.group(g), file.path(), variable));
                        }
                    }
                }
            }
        }
        Optional<ServerOwnUser> server = ServerOwnUser.of(ep, c.scripts());
        if (server.isPresent()) {
            String starter = ep.startedBy() != null ? ep.startedBy() : ep.scripts().isEmpty() ? null : ep.scripts().get(0);
            String where = starter == null ? COMMAND : c.scripts().find(starter)
                    .map(SourceFile::path).orElse(starter);
            return Optional.of(new PrivilegeDrop(server.get().user(), server.get().server() + "'s "
                    + server.get().setting(), where, null, server.get()));
        }
        if (ep.runtime() == Runtime.PYTHON) {
            for (String path : c.entryFiles()) {
                Optional<PrivilegeDrop> drop = context.project().source(path).filter(PrivilegeDrop::isPython)
                        .flatMap(PrivilegeDrop::pythonExec);
                if (drop.isPresent()) {
                    return drop;
                }
            }
        }
        return Optional.empty();
    }

    private static String text(SourceFile file, Command command) {
        return file.text().substring(command.span().start(), command.span().end());
    }

    private static boolean isPython(SourceFile file) {
        return file.path().endsWith(".py") || file.lineCount() > 0 && file.line(1).startsWith("#!")
                && file.line(1).contains("python");
    }

    /** A Python launcher that execs gosu or su-exec with the user ({@link PythonExecSwitch}); the user may be an expression. */
    private static Optional<PrivilegeDrop> pythonExec(SourceFile file) {
        return PythonExecSwitch.in(file.text()).filter(s -> !s.literal() || !RootUser.is(s.user()))
                .map(s -> new PrivilegeDrop(s.literal() ? s.user() : "the user in " + s.user(), s.tool() + " (os.exec"
                        + " on line " + s.line() + ")", file.path(), null));
    }

    /**
     * The variable a user given as {@code $NAME} (or {@code ${NAME}:...}) reads, when the script gives it a root
     * default ({@code NAME=${NAME:-0}}, {@code ${NAME:=root}}) and the container's environment does not set it: the
     * switch then keeps root unless whoever runs the container sets the variable. Null otherwise.
     */
    private static String rootDefault(ShellScript script, String user, EntryPoint ep) {
        Matcher name = VARIABLE.matcher(user);
        if (!name.lookingAt()) {
            return null;
        }
        String variable = name.group(1);
        String set = ep.environment().get(variable);
        if (set != null && !set.isBlank()) {
            return null;
        }
        for (WordPart.ParamExpansion expansion : ScriptRuns.expansions(script, variable)) {
            String operator = expansion.operator() == null ? "" : expansion.operator();
            if (operator.matches(":?[-=]")) {
                return expansion.argument() != null && RootUser.is(expansion.argument().value().strip()) ? variable : null;
            }
        }
        return null;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

    /** The user names and ids that are root. */
    private static final class RootUser {
        static boolean is(String user) {
            String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
            return name.equals("root") || name.equals("0");
        }
    }

    /**
     * The user an official server image's own entrypoint switches to, when the container keeps that entrypoint
     * (no stage of the Dockerfile and no compose entrypoint: replaces it) and starts the image's own server.
     */
    public static Optional<String> byImageEntrypoint(Container container, BaseImage base) {
        boolean ownEntrypoint = Stages.inImage(container.build().model(), container.build().stage()).stream()
                .anyMatch(s -> s.config().entrypoint() != null && s.config().entrypoint().instruction() != null)
                || container.service() != null && container.service().entrypoint() != null;
        if (ownEntrypoint || ImageRole.of(container) != ImageRole.SERVER) {
            return Optional.empty();
        }
        Optional<String> server = BaseImageFacts.defaultCommand(base);
        return server.isPresent() && server.equals(ImageRole.program(container))
                ? BaseImageFacts.entrypointSwitchesTo(base) : Optional.empty();
    }
}
