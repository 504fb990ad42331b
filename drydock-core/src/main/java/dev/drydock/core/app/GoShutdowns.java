package dev.drydock.core.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a Go program serves and whether it stops gracefully: the calls that start serving (net/http's
 * {@code http.ListenAndServe} or an {@code http.Server}'s {@code ListenAndServe}/{@code Serve}, Gin's {@code Run},
 * Echo's {@code Start}, Fiber's {@code Listen}, grpc-go's {@code Serve}), and the first place that takes over the stop
 * signal: {@code signal.Notify} or {@code signal.NotifyContext} for SIGTERM (or for every signal, or for a list it
 * cannot read), or, when the code asks for no signal at all, a graceful stop ({@code Shutdown},
 * {@code ShutdownWithContext}, {@code ShutdownWithTimeout}, {@code GracefulStop}) that a library may trigger on the
 * signal. A stop wired to {@code os.Interrupt} alone waits for SIGINT, not docker stop's SIGTERM.
 */
final class GoShutdowns {

    private static final Pattern HTTP_LISTEN = Pattern.compile("\\bhttp\\.ListenAndServe(?:TLS)?\\s*\\(");
    private static final Pattern HTTP_SERVER = Pattern.compile("\\b(\\w+)\\s*:?=\\s*&?http\\.Server\\s*\\{");
    private static final Pattern GRPC_SERVER = Pattern.compile("\\b(\\w+)\\s*:?=\\s*grpc\\.NewServer\\s*\\(");
    private static final Pattern SIGNAL_IMPORT = Pattern.compile("(?:^|[\\s(])(\\w+)?\\s*\"os/signal\"");
    private static final Pattern GRACEFUL_STOP = Pattern.compile(
            "\\.(?:Shutdown|ShutdownWithContext|ShutdownWithTimeout|GracefulStop)\\s*\\(");
    /** A signal other than SIGTERM: leaving SIGTERM to the runtime's default. */
    private static final Pattern OTHER_SIGNAL = Pattern.compile(
            "os\\.(?:Interrupt|Kill)|\\w+\\.SIG(?:INT|HUP|QUIT|USR1|USR2|KILL|PIPE|WINCH|CHLD|ALRM)");

    private GoShutdowns() {}

    /** The serve calls of the files, in the order found. */
    static List<GoServe> serves(List<GoSources> sources) {
        List<GoServe> out = new ArrayList<>();
        GoServer.Engines engines = GoServer.Engines.of(sources);
        for (GoSources s : sources) {
            String code = s.code();
            Matcher m = HTTP_LISTEN.matcher(code);
            while (m.find()) {
                add(out, s, GoServe.Kind.NET_HTTP, m.start(), code.substring(m.start(), m.end()) + "...)");
            }
            owned(out, s, HTTP_SERVER, "(?:ListenAndServe|ListenAndServeTLS|Serve|ServeTLS)", GoServe.Kind.NET_HTTP);
            engines.gin().forEach(engine -> owned(out, s, engine, "Run(?:TLS)?", GoServe.Kind.GIN));
            engines.echo().forEach(engine -> owned(out, s, engine, "Start(?:TLS|AutoTLS|Server)?", GoServe.Kind.ECHO));
            engines.fiber().forEach(engine -> owned(out, s, engine, "Listen(?:TLS)?", GoServe.Kind.FIBER));
            owned(out, s, GRPC_SERVER, "Serve", GoServe.Kind.GRPC);
        }
        out.sort(java.util.Comparator.comparing(GoServe::file).thenComparingInt(GoServe::line));
        return out;
    }

    /** {@code srv.ListenAndServe()} on a value {@code creator} makes in the same file. */
    private static void owned(List<GoServe> out, GoSources s, Pattern creator, String methods, GoServe.Kind kind) {
        for (GoSources.MethodCall call : s.callsOnCreated(creator, methods)) {
            add(out, s, kind, call.start(), call.receiver() + "." + call.method() + "(...)");
        }
    }

    private static void add(List<GoServe> out, GoSources s, GoServe.Kind kind, int offset, String call) {
        int line = s.line(offset);
        String file = s.file().path();
        if (out.stream().noneMatch(g -> g.file().equals(file) && g.line() == line)) {
            out.add(new GoServe(kind, call, file, line));
        }
    }

    /**
     * Where the program takes over SIGINT ({@code os.Interrupt}, {@code syscall.SIGINT}, or every signal), or, when
     * it asks for no signal at all, stops its server gracefully, as {file, line}; empty when nowhere.
     */
    static Optional<String[]> interruptHandled(List<GoSources> sources) {
        return handled(sources, signals -> signals.isEmpty() || signals.stream()
                .anyMatch(a -> a.equals("os.Interrupt") || a.matches("\\w+\\.SIGINT")));
    }

    /** Where the program takes over SIGTERM or stops its server gracefully, as {file, line}; empty when nowhere. */
    static Optional<String[]> stopHandled(List<GoSources> sources) {
        return handled(sources, signals -> signals.stream().noneMatch(a -> OTHER_SIGNAL.matcher(a).matches())
                || signals.stream().anyMatch(a -> a.contains("SIGTERM")));
    }

    /**
     * The first {@code signal.Notify} call whose signals (stripped, after the channel) the test accepts, as {file,
     * line}; when the program calls Notify nowhere, its first graceful server stop; empty otherwise.
     */
    private static Optional<String[]> handled(List<GoSources> sources, Predicate<List<String>> takesOver) {
        boolean notifies = false;
        for (GoSources s : sources) {
            String code = s.code();
            Matcher imported = SIGNAL_IMPORT.matcher(code);
            String alias = imported.find() && imported.group(1) != null ? imported.group(1) : "signal";
            Matcher notify = Pattern.compile("\\b" + Pattern.quote(alias) + "\\.Notify(Context)?\\s*\\(").matcher(code);
            while (notify.find()) {
                notifies = true;
                List<String> args = GoArgs.split(code, notify.end() - 1);
                List<String> signals = args.isEmpty() ? List.of()
                        : args.subList(1, args.size()).stream().map(String::strip).toList();
                if (takesOver.test(signals)) {
                    return Optional.of(new String[] {s.file().path(), Integer.toString(s.line(notify.start()))});
                }
            }
        }
        return notifies ? Optional.empty() : gracefulStop(sources);
    }

    /** The first graceful stop of a server ({@code Shutdown}, {@code GracefulStop}), as {file, line}. */
    private static Optional<String[]> gracefulStop(List<GoSources> sources) {
        for (GoSources s : sources) {
            Matcher stop = GRACEFUL_STOP.matcher(s.code());
            if (stop.find()) {
                return Optional.of(new String[] {s.file().path(), Integer.toString(s.line(stop.start()))});
            }
        }
        return Optional.empty();
    }
}
