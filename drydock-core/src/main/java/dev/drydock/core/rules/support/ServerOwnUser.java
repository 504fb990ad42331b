package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.ScriptFiles;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user an application server switches itself to by its own settings, started as root: uWSGI's {@code uid}
 * (on the command line, in the {@code [uwsgi]} section of the ini file it is given, or as {@code UWSGI_UID}), which
 * its master process and workers take once the sockets are bound; gunicorn's {@code --user}, which its workers take
 * while the master process keeps root.
 *
 * @param server the program ({@code uwsgi}, {@code gunicorn})
 * @param user the user it switches to
 * @param setting where the switch is written, for messages ({@code uid in uwsgi.ini line 11})
 * @param workersOnly whether only the worker processes switch (gunicorn's master stays root)
 */
public record ServerOwnUser(String server, String user, String setting, boolean workersOnly) {

    private static final Pattern SECTION = Pattern.compile("^\\s*\\[([^]]+)]\\s*$");
    private static final Pattern UID = Pattern.compile("^\\s*uid\\s*=\\s*(\\S+)\\s*$");

    /** The switch of the server the entry point runs, when it is one of these and names a user other than root. */
    public static Optional<ServerOwnUser> of(EntryPoint ep, ScriptFiles files) {
        List<String> args = ep.args();
        if (args.isEmpty()) {
            return Optional.empty();
        }
        String program = PathNames.fileName(args.get(0));
        Optional<ServerOwnUser> found = switch (program) {
            case "uwsgi", "pyuwsgi" -> uwsgi(program, args, ep, files);
            case "gunicorn" -> option(args, "-u", "--user").map(u -> new ServerOwnUser(program, u, "--user", true));
            default -> Optional.empty();
        };
        return found.filter(s -> !s.user().startsWith("$") && !UserIds.isRoot(s.user()));
    }

    private static Optional<ServerOwnUser> uwsgi(String program, List<String> args, EntryPoint ep, ScriptFiles files) {
        Optional<String> written = option(args, "--uid");
        if (written.isPresent()) {
            return written.map(u -> new ServerOwnUser(program, u, "--uid", false));
        }
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            String file = arg.equals("--ini") && i + 1 < args.size() ? args.get(i + 1)
                    : arg.startsWith("--ini=") ? arg.substring(6)
                    : !arg.startsWith("-") && (i == 1 || !args.get(i - 1).startsWith("-")) && arg.matches(".*\\.ini(:.*)?")
                            ? arg : null;
            if (file != null) {
                Optional<ServerOwnUser> fromFile = iniUid(program, file, ep, files);
                if (fromFile.isPresent()) {
                    return fromFile;
                }
            }
        }
        String env = ep.environment().get("UWSGI_UID");
        return env == null || env.isBlank() ? Optional.empty()
                : Optional.of(new ServerOwnUser(program, env.strip(), "UWSGI_UID", false));
    }

    /** {@code uid = USER} in the ini file's section ({@code [uwsgi]}, or the one named after {@code :}). */
    private static Optional<ServerOwnUser> iniUid(String program, String written, EntryPoint ep, ScriptFiles files) {
        int colon = written.indexOf(':');
        String section = colon < 0 ? "uwsgi" : written.substring(colon + 1);
        String path = colon < 0 ? written : written.substring(0, colon);
        Optional<SourceFile> file = files.find(PathNames.normalizeAbsolute(ep.workdir(), path));
        if (file.isEmpty()) {
            return Optional.empty();
        }
        SourceFile ini = file.get();
        String current = null;
        for (int line = 1; line <= ini.lineCount(); line++) {
            String text = ini.line(line);
            Matcher header = SECTION.matcher(text);
            if (header.matches()) {
                current = header.group(1).strip();
                continue;
            }
            Matcher uid = UID.matcher(text);
            if (section.equals(current) && uid.matches()) {
                return Optional.of(new ServerOwnUser(program, uid.group(1),
                        "uid in " + PathNames.fileName(ini.path()) + " line " + line, false));
            }
        }
        return Optional.empty();
    }

    /** The value of an option written {@code -u X}, {@code --user X} or {@code --user=X}. */
    private static Optional<String> option(List<String> args, String... names) {
        for (int i = 1; i < args.size(); i++) {
            for (String name : names) {
                if (args.get(i).equals(name) && i + 1 < args.size()) {
                    return Optional.of(args.get(i + 1));
                }
                if (name.startsWith("--") && args.get(i).startsWith(name + "=")) {
                    return Optional.of(args.get(i).substring(name.length() + 1));
                }
            }
        }
        return Optional.empty();
    }
}
