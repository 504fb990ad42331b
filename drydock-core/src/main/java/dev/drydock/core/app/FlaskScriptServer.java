package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import dev.drydock.core.source.SourceFile;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flask's development server (Werkzeug, {@code app.run()}) that a container starts through Flask-Script: {@code python
 * manage.py runserver} read as Django's command, where manage.py builds its command line with Flask-Script's
 * {@code Manager} and the command is one of its {@code Server} commands ({@code runserver}, which {@code Manager(app)}
 * adds by default, or the name {@code manager.add_command("serve", Server(...))} gives one). It listens where
 * {@code -h/--host} and {@code -p/--port} of the command line say, else where the Server's {@code host} and
 * {@code port} arguments say, else on Flask-Script's defaults, 127.0.0.1 and 5000. A class of manage.py built on
 * Server counts as Server, its defaults unknown.
 *
 * @param file the manage.py (project path)
 * @param command the command the container runs ({@code runserver})
 * @param host the address it binds; null when an expression, a variable or a subclass's default decides it
 * @param hostWritten the address as the command line or the Server's arguments write it; null for the default
 * @param port the port it listens on; null when an expression, a variable or a subclass's default decides it
 * @param portBecause why it listens on {@code port}, for messages, when the command line does not say it; else null
 */
public record FlaskScriptServer(String file, String command, String host, String hostWritten, Integer port,
        String portBecause) {

    /** Flask-Script's Server: {@code Server(host='127.0.0.1', port=5000, ...)}. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5000;

    /** Where Flask-Script's names are imported from (flask.ext.script and flaskext.script in its old releases). */
    private static final Set<String> MODULES = Set.of("flask_script", "flask_script.commands", "flask.ext.script",
            "flaskext.script");
    private static final Pattern CLASS = Pattern.compile("^class\\s+([A-Za-z_]\\w*)\\s*\\(([^)]*)\\)\\s*:");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");
    private static final Pattern DECORATOR = Pattern.compile("^@([A-Za-z_]\\w*)\\.(?:command|option)\\b");
    private static final Pattern DEF = Pattern.compile("^(?:async\\s+)?def\\s+([A-Za-z_]\\w*)");

    /** The Flask-Script server the container's command {@code ep} starts, when it starts one. */
    public static Optional<FlaskScriptServer> of(Project project, Container c, EntryPoint ep) {
        if (ep == null || c.build() == null
                || ep.runtime() != Runtime.DJANGO_RUNSERVER && ep.runtime() != Runtime.DJANGO_MANAGE) {
            return Optional.empty();
        }
        String command = ep.option("command");
        if (command == null || command.isEmpty()) {
            return Optional.empty();
        }
        SourceSet files = SourceSet.of(project, c);
        String script = ep.target().value() == null ? null : PathNames.fileName(ep.target().value());
        for (String path : c.entryFiles()) {
            Optional<SourceFile> file = PathNames.fileName(path).equals(script) ? files.read(path) : Optional.empty();
            if (file.isPresent()) {
                return read(file.get(), command, ep.args());
            }
        }
        return Optional.empty();
    }

    /** A call written as the whole of an expression: {@code Server(host="0.0.0.0")}. */
    private record Call(String callee, List<Tok.Arg> args) {}

    private static Optional<FlaskScriptServer> read(SourceFile file, String command, List<String> argv) {
        PyModule m = PyModule.read(file);
        Set<String> managers = names(m, "Manager");
        Set<String> servers = names(m, "Server");
        if (managers.isEmpty()) {
            return Optional.empty();
        }
        Set<String> subclasses = new HashSet<>();
        Map<String, List<Tok>> assigned = new HashMap<>();
        Set<String> managerObjects = new HashSet<>();
        boolean defaults = false;
        for (PyLexer.Statement s : m.statements) {
            Matcher cls = CLASS.matcher(s.text());
            if (cls.find() && List.of(cls.group(2).split(",")).stream().map(String::strip).anyMatch(servers::contains)) {
                subclasses.add(cls.group(1));
            }
            List<Tok> toks = Tok.tokenize(s.text(), false);
            if (toks.size() > 2 && toks.get(0).isName() && toks.get(1).is("=")) {
                List<Tok> value = toks.subList(2, toks.size());
                assigned.put(toks.get(0).text(), value);
                Call call = call(value);
                if (call != null && managers.contains(call.callee())) {
                    managerObjects.add(toks.get(0).text());
                    Tok.Arg app = arg(call.args(), "app", 0);
                    Tok.Arg with = Tok.keyword(call.args(), "with_default_commands");
                    // Manager(app) adds runserver and shell unless with_default_commands=False
                    defaults |= with != null ? Values.isTrue(with.tokens())
                            : app != null && !(app.tokens().size() == 1 && app.tokens().get(0).isName("None"));
                }
            }
        }
        Map<String, Registered> commands = commands(m, managerObjects);
        Registered registered = commands.get(command);
        if (registered == null) {
            return command.equals("runserver") && defaults
                    ? Optional.of(server(file, m.constants, command, argv, List.of(), true, 0)) : Optional.empty();
        }
        List<Tok> expr = registered.expression();
        if (expr.size() == 1 && expr.get(0).isName() && assigned.containsKey(expr.get(0).text())) {
            expr = assigned.get(expr.get(0).text());
        }
        Call call = call(expr);
        if (call == null || !servers.contains(call.callee()) && !subclasses.contains(call.callee())) {
            return Optional.empty();
        }
        return Optional.of(server(file, m.constants, command, argv, call.args(), servers.contains(call.callee()),
                registered.line()));
    }

    /** A command registered with {@code add_command}: its object's expression and the line of the registration. */
    private record Registered(List<Tok> expression, int line) {}

    /**
     * The commands {@code manager.add_command(name, command)} (or {@code add_command(command, name=...)}) registers, by
     * name, and the functions {@code @manager.command} or {@code @manager.option(...)} make commands (with no
     * expression: they are no Server); one under a namespace is left out, its name being the namespace's.
     */
    private static Map<String, Registered> commands(PyModule m, Set<String> managerObjects) {
        Map<String, Registered> out = new HashMap<>();
        boolean decorated = false;
        for (PyLexer.Statement s : m.statements) {
            Matcher decorator = DECORATOR.matcher(s.text());
            if (decorator.find() && managerObjects.contains(decorator.group(1))) {
                decorated = true;
                continue;
            }
            Matcher def = DEF.matcher(s.text());
            if (decorated && def.find()) {
                out.put(def.group(1), new Registered(List.of(), s.line()));
            }
            decorated = decorated && s.text().startsWith("@");
            List<Tok> toks = Tok.tokenize(s.text(), false);
            for (int i = 0; i + 3 < toks.size(); i++) {
                if (!toks.get(i).isName() || !managerObjects.contains(toks.get(i).text()) || !toks.get(i + 1).is(".")
                        || !toks.get(i + 2).isName("add_command") || !toks.get(i + 3).is("(")) {
                    continue;
                }
                List<Tok.Arg> args = Tok.args(toks, i + 3);
                List<Tok.Arg> positional = args.stream().filter(a -> a.keyword() == null).toList();
                if (Tok.keyword(args, "namespace") != null || positional.isEmpty()) {
                    continue;
                }
                String name = positional.size() > 1 ? positional.get(0).string()
                        : Optional.ofNullable(Tok.keyword(args, "name")).map(Tok.Arg::string).orElse(null);
                List<Tok> command = positional.get(positional.size() > 1 ? 1 : 0).tokens();
                if (name == null && positional.size() == 1) {
                    Call call = call(command);
                    name = call == null ? null : call.callee().substring(call.callee().lastIndexOf('.') + 1)
                            .toLowerCase(java.util.Locale.ROOT).replaceAll("command$", "");
                }
                if (name != null) {
                    out.put(name, new Registered(command, s.line()));
                }
            }
        }
        return out;
    }

    /**
     * The server: the command line's {@code -h/--host} ({@code -t} in Flask-Script's first releases) and
     * {@code -p/--port}, else the Server's {@code host} and {@code port} (its first two arguments), else Flask-Script's
     * defaults when it is Server itself ({@code plain}).
     */
    private static FlaskScriptServer server(SourceFile file, Map<String, String> constants, String command,
            List<String> argv, List<Tok.Arg> args, boolean plain, int line) {
        List<String> after = argv.subList(Math.min(argv.indexOf(command) + 1, argv.size()), argv.size());
        String hostFlag = flag(after, "-h", "--host", "-t");
        String portFlag = flag(after, "-p", "--port");
        Tok.Arg hostArg = arg(args, "host", 0);
        Tok.Arg portArg = arg(args, "port", 1);
        String host;
        String hostWritten;
        if (hostFlag != null) {
            host = hostFlag.contains("$") ? null : hostFlag;
            hostWritten = hostFlag;
        } else if (hostArg != null) {
            host = hostArg.string();
            hostWritten = hostArg.text();
        } else {
            host = plain ? DEFAULT_HOST : null;
            hostWritten = null;
        }
        Integer port;
        String because;
        if (portFlag != null) {
            port = PORT.matcher(portFlag).matches() ? Integer.valueOf(portFlag) : null;
            because = null;
        } else if (portArg != null) {
            boolean fromEnvironment = Values.portVariable(portArg.tokens(), constants, false) != null;
            port = fromEnvironment ? null : Values.port(portArg.tokens(), constants, false);
            because = "`port=" + portArg.text() + "` of the Server command in " + file.path() + " line " + line;
        } else {
            port = plain ? DEFAULT_PORT : null;
            because = plain ? "Flask-Script's Server's default port, as neither -p nor the Server's port argument in "
                    + file.path() + " sets one" : null;
        }
        return new FlaskScriptServer(file.path(), command, host, hostWritten, port, because);
    }

    /** The value of the first of {@code names} in {@code args}: {@code -p 8000}, {@code --port=8000}, {@code -p8000}. */
    private static String flag(List<String> args, String... names) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            for (String name : names) {
                if (a.equals(name) && i + 1 < args.size()) {
                    return args.get(i + 1);
                }
                if (name.startsWith("--") && a.startsWith(name + "=")) {
                    return a.substring(name.length() + 1);
                }
                if (!name.startsWith("--") && a.startsWith(name) && a.length() > name.length()) {
                    return a.substring(name.length());
                }
            }
        }
        return null;
    }

    /** How manage.py names Flask-Script's {@code name}: {@code Manager}, or {@code flask_script.Manager}. */
    private static Set<String> names(PyModule m, String name) {
        Set<String> out = new HashSet<>();
        for (Map.Entry<String, PyModule.Import> e : m.imports.entrySet()) {
            PyModule.Import imp = e.getValue();
            if (imp.level() == 0 && MODULES.contains(imp.module())) {
                if (name.equals(imp.name())) {
                    out.add(e.getKey());
                } else if (imp.name() == null) {
                    out.add(e.getKey() + "." + name);
                }
            }
        }
        return out;
    }

    /** The call an expression is as a whole ({@code a.b.C(...)}), or null. */
    private static Call call(List<Tok> expr) {
        PyModule.DottedName name = PyModule.DottedName.at(expr, 0);
        int i = name.end();
        if (name.parts().isEmpty() || i >= expr.size() || !expr.get(i).is("(")
                || Tok.closing(expr, i) != expr.size() - 1) {
            return null;
        }
        return new Call(name.joined(), Tok.args(expr, i));
    }

    private static Tok.Arg arg(List<Tok.Arg> args, String keyword, int position) {
        Tok.Arg a = Tok.keyword(args, keyword);
        return a != null ? a : Tok.positional(args, position);
    }
}
