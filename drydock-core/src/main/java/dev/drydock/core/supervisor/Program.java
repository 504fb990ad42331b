package dev.drydock.core.supervisor;

import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.source.Span;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code [program:name]} (or {@code [fcgi-program:name]}) section: a process supervisord starts and restarts; or a
 * service folder of s6 or runit, whose {@code run} script starts the process.
 *
 * @param name the program's name
 * @param file the configuration file it is written in, or the service's run script (a project path)
 * @param section the section header's span (the run script's command line for a service)
 * @param command its {@code command=} value's span, or the header's when it has none (the run script's command line)
 * @param commandLine the command after expansions, as written
 * @param entryPoint what the command starts, read as a container command (supervisord splits it into words and
 *     runs it without a shell), with the program's environment and directory; null when it has no command
 * @param entryFiles the project files its command runs (the script of {@code python app.py}), in lookup order
 * @param user the {@code user=} it runs as, or the user a service's run script switches to (su-exec, s6-setuidgid,
 *     chpst -u ...); null: then the manager's own user
 * @param directory its {@code directory=}, or null
 * @param environment its {@code environment=} variables, added to supervisord's
 * @param autostart whether supervisord starts it ({@code autostart}, true by default)
 * @param stopSignal the signal supervisord stops it with ({@code stopsignal}, TERM by default), without SIG
 * @param stopWaitSeconds how long supervisord waits after that signal before SIGKILL ({@code stopwaitsecs}, 10)
 */
public record Program(String name, String file, Span section, Span command, String commandLine, EntryPoint entryPoint,
        List<String> entryFiles, UserLine user, String directory, Map<String, String> environment, boolean autostart, String stopSignal,
        int stopWaitSeconds) {

    public Program {
        entryFiles = List.copyOf(entryFiles);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }
}
