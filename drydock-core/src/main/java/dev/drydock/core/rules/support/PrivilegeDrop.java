package dev.drydock.core.rules.support;

import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container that starts as root only to prepare its files and then runs its main process as another user:
 * {@code gosu}, {@code su-exec}, {@code setpriv --reuid}, {@code runuser -u}, {@code chroot --userspec} or
 * {@code s6-setuidgid} in the command or in the entry-point script (the official database images do this), or a
 * Python start script that hands its process to gosu or su-exec with {@code os.exec*}.
 */
public record PrivilegeDrop(String user, String tool, String where, String rootByDefault) {

    /** Whether the drop happens as the image is run: false when it needs a variable that defaults to root set. */
    public boolean always() {
        return rootByDefault == null;
    }

    /** A user name or id, or a variable that holds one ({@code $WWWUSER}, {@code ${APP_USER}}). */
    private static final String USER = "(\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?|[A-Za-z0-9_][A-Za-z0-9_.:-]*)";
    private static final Pattern IN_SCRIPT = Pattern.compile(
            "\\b(gosu|su-exec|s6-setuidgid|setuidgid)\\s+[\"']?" + USER
                    + "|\\b(setpriv)\\b[^\\n]*?--reuid[= ][\"']?([A-Za-z0-9_][A-Za-z0-9_.-]*)"
                    + "|\\b(runuser)\\s+-u\\s+[\"']?([A-Za-z0-9_][A-Za-z0-9_.-]*)"
                    + "|\\b(chroot)\\s+--userspec[= ][\"']?([A-Za-z0-9_][A-Za-z0-9_.:-]*)");

    public static Optional<PrivilegeDrop> of(ReviewContext context, Container c) {
        EntryPoint ep = c.entryPoint();
        if (ep == null) {
            return Optional.empty();
        }
        if (ep.user() != null && !RootUser.is(ep.user())) {
            return Optional.of(new PrivilegeDrop(ep.user(), "the command", "the container's command", null));
        }
        for (String script : ep.scripts()) {
            SourceFile file = EntryPointScripts.find(context, c, script);
            if (file == null) {
                continue;
            }
            Matcher m = IN_SCRIPT.matcher(file.text());
            while (m.find()) {
                for (int g = 1; g < m.groupCount(); g += 2) {
                    if (m.group(g) != null && !RootUser.is(m.group(g + 1))) {
                        String variable = rootDefault(file.text(), m.group(g + 1), ep);
                        return Optional.of(new PrivilegeDrop(m.group(g + 1), m.group(g), file.path(), variable));
                    }
                }
            }
        }
        return ep.runtime() == Runtime.PYTHON ? inPythonLauncher(context, c) : Optional.empty();
    }

    /**
     * A tool that switches users, named as the program of an argument list a Python start script hands its process
     * to ({@code os.execve("/usr/sbin/gosu", ["gosu", ownership] + args, environ)}, synapse's start.py), with the
     * user that follows it: a quoted name or id, else the expression as written.
     */
    private static final Pattern IN_PYTHON = Pattern.compile(
            "[\"'](?:/[\\w/.-]*/)?(gosu|su-exec|s6-setuidgid|setuidgid)[\"']\\s*,\\s*(?:[\"']([^\"']+)[\"']|([A-Za-z_][\\w.]*))");
    private static final Pattern PYTHON_EXEC = Pattern.compile("\\bos\\.exec[lv]p?e?\\s*\\(");

    /** The user a Python start script of the project switches to before it hands over its process. */
    private static Optional<PrivilegeDrop> inPythonLauncher(ReviewContext context, Container c) {
        for (String path : c.entryFiles()) {
            SourceFile file = context.project().source(path).orElse(null);
            if (file == null || !path.endsWith(".py") || !PYTHON_EXEC.matcher(file.text()).find()) {
                continue;
            }
            Matcher m = IN_PYTHON.matcher(file.text());
            while (m.find()) {
                String user = m.group(2) != null ? m.group(2) : "`" + m.group(3) + "`";
                if (!RootUser.is(user)) {
                    return Optional.of(new PrivilegeDrop(user, m.group(1), file.path(), null));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The variable a user given as {@code $NAME} (or {@code ${NAME}:...}) reads, when the script gives it a root
     * default ({@code NAME=${NAME:-0}}, {@code ${NAME:=root}}) and the container's environment does not set it: the
     * switch then keeps root unless whoever runs the container sets the variable. Null otherwise.
     */
    private static String rootDefault(String script, String user, EntryPoint ep) {
        Matcher name = VARIABLE.matcher(user);
        if (!name.lookingAt()) {
            return null;
        }
        String variable = name.group(1);
        String set = ep.environment().get(variable);
        if (set != null && !set.isBlank()) {
            return null;
        }
        Matcher fallback = Pattern.compile("\\$\\{" + Pattern.quote(variable) + ":?[-=]([^}]*)}").matcher(script);
        return fallback.find() && RootUser.is(fallback.group(1).replace("\"", "").replace("'", "").strip())
                ? variable : null;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

    /** The user names and ids that are root. */
    private static final class RootUser {
        static boolean is(String user) {
            String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
            return name.equals("root") || name.equals("0");
        }
    }
}
