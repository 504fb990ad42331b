package dev.drydock.core.app;

import dev.drydock.core.discovery.Language;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.Target;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import dev.drydock.core.supervisor.Program;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a container's application sources say: the application object and its framework, the
 * routes it serves, the servers its code starts, and whether it handles SIGTERM. Read from the
 * files the container's command runs and the project modules they import; everything the reader
 * cannot follow is left undetermined rather than guessed.
 *
 * <pre>{@code
 * AppSource app = AppSource.read(project, container);
 * app.routes().match("/health")            // the route, its file, line and handler
 * app.devServer()                          // app.run(...) reached through `python app.py`
 * }</pre>
 */
public final class AppSource {

    private static final List<String> PYTHON_CANDIDATES = List.of("app.py", "main.py", "wsgi.py", "asgi.py", "server.py",
            "run.py", "application.py", "manage.py", "app/__init__.py", "app/main.py", "src/app.py", "src/main.py");
    private static final List<String> NODE_CANDIDATES = List.of("server.js", "index.js", "app.js", "src/server.js",
            "src/index.js", "src/app.js", "server.ts", "index.ts", "src/server.ts", "src/index.ts", "src/main.ts");
    private static final AppSource NONE = new AppSource(Set.of(), null, Routes.unknown(), List.of(), null, 0, List.of());

    private final Set<Framework> frameworks;
    private final AppObject app;
    private final Routes routes;
    private final List<ServerCall> serverCalls;
    private final String sigtermFile;
    private final int sigtermLine;
    private final List<String> files;
    private final List<String> allowedHosts;
    private final List<GoServe> goServes;
    private String goInterruptAt;
    private List<String> djangoDatabaseEngines;
    private String djangoSqliteFile;
    private SettingLine djangoSqliteName;
    private DatabaseUri flaskDatabaseUri;
    private DatabaseUri djangoSqliteDatabase;
    private SettingLine djangoDebugOn;
    private String djangoSettingsModule;
    private DebugDefault djangoDebugDefault;
    private SecretKey djangoSecretKey;
    private SecretKey flaskSecretKey;
    private SettingLine socketIO;
    private ActuatorExposure actuatorExposure;

    private AppSource(Set<Framework> frameworks, AppObject app, Routes routes, List<ServerCall> serverCalls,
            String sigtermFile, int sigtermLine, List<String> files) {
        this(frameworks, app, routes, serverCalls, sigtermFile, sigtermLine, files, null, List.of());
    }

    private AppSource(Set<Framework> frameworks, AppObject app, Routes routes, List<ServerCall> serverCalls,
            String sigtermFile, int sigtermLine, List<String> files, List<String> allowedHosts, List<GoServe> goServes) {
        this.goServes = List.copyOf(goServes);
        this.allowedHosts = allowedHosts == null ? null : List.copyOf(allowedHosts);
        this.frameworks = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(frameworks));
        this.app = app;
        this.routes = routes;
        this.serverCalls = List.copyOf(serverCalls);
        this.sigtermFile = sigtermFile;
        this.sigtermLine = sigtermLine;
        this.files = List.copyOf(files);
    }

    public static AppSource none() {
        return NONE;
    }

    /** An application of which only some routes are known, none of its code read. */
    static AppSource withRoutes(Framework framework, Routes routes) {
        return new AppSource(Set.of(framework), null, routes, List.of(), null, 0, List.of());
    }

    /**
     * A framework's server built into the image (SvelteKit's, Nitro's), known from its configuration and the files
     * its routes come from rather than from code that runs.
     */
    static AppSource builtServer(Framework framework, Routes routes, ServerCall server, String config) {
        return builtServer(framework, routes, server, config, false);
    }

    /**
     * A server a framework's build writes; {@code handlesSigterm} when that server closes on SIGTERM by itself (its
     * handler is in the build output, so the configuration stands for where it is).
     */
    static AppSource builtServer(Framework framework, Routes routes, ServerCall server, String config,
            boolean handlesSigterm) {
        boolean located = handlesSigterm && config != null;
        return new AppSource(Set.of(framework), null, routes, List.of(server), located ? config : null,
                located ? 1 : 0, config == null ? List.of() : List.of(config));
    }

    /** Reads the application a container runs, from the build context's sources. Never throws. */
    public static AppSource read(Project project, Container container) {
        if (container == null || container.build() == null) {
            return NONE;
        }
        return readNow(project, container);
    }

    /**
     * Reads the application a program of the container's supervisord runs, from its command, the files it runs and
     * its environment.
     */
    public static AppSource read(Project project, Container container, Program program) {
        if (container == null || container.build() == null || program.entryPoint() == null) {
            return NONE;
        }
        EntryPoint ep = program.entryPoint();
        return read(SourceSet.of(project, container), SourceSet.of(project, container.build().context()), container,
                program.entryFiles(), ep,
                withJvmBuild(project, container), DeployedProfiles.with(project, container, ep.environment()));
    }

    /** Reads the application of a container's build, with only the program its Dockerfile builds when it names one. */
    private static AppSource read(SourceSet files, SourceSet context, Container container, List<String> entryFiles,
            EntryPoint ep, List<Manifest> manifests, Map<String, String> env) {
        BuildLink build = container.build();
        if (JavaAppServers.starts(container, ep)) {
            // the application is a web archive the server deploys under a context and port of its own configuration
            return new AppSource(Set.of(), null,
                    DeployedArchives.routes(JavaAppServers.server(container, ep), build, ep, context),
                    JavaAppServers.listeners(container, ep, context), null, 0, List.of());
        }
        try {
            return new Reading(files, build.context(), entryFiles, ep,
                    BuiltProgram.rustCrates(build.model(), manifests, files), env,
                    BuiltProgram.goMainDir(build.model(), build.context(), files), context)
                    .withNitroPreset(BuiltProgram.nitroPreset(build.model()))
                    .withJvmModules(BuiltProgram.jvmModules(build.model())).run();
        } catch (RuntimeException | StackOverflowError e) {
            return NONE;
        }
    }

    private static AppSource readNow(Project project, Container container) {
        try {
            if (container.supervision() != null) {
                for (Program program : container.supervision().started()) {
                    if (program.entryPoint() != null && program.entryPoint().runtime().language() != Language.NONE) {
                        AppSource app = read(project, container, program);
                        if (app.app != null || app.routes.known() || !app.serverCalls.isEmpty()) {
                            return app; // the supervised program that runs the application, not supervisord
                        }
                    }
                }
            }
            EntryPoint ep = container.entryPoint();
            return read(SourceSet.of(project, container), SourceSet.of(project, container.build().context()), container,
                    container.entryFiles(), ep,
                    withJvmBuild(project, container),
                    DeployedProfiles.with(project, container, ep == null ? Map.of() : ep.environment()));
        } catch (RuntimeException | StackOverflowError e) {
            return NONE;
        }
    }

    /**
     * The container's manifests, with the Maven or Gradle build file at the root of its build context when the
     * .dockerignore keeps it out: a JVM application is built outside and its output copied in (Quarkus'
     * target/quarkus-app/ with a .dockerignore of {@code *} and {@code !target/...}), and that build file still
     * says what the application is.
     */
    private static List<Manifest> withJvmBuild(Project project, Container container) {
        List<Manifest> manifests = container.manifests();
        if (manifests.stream().anyMatch(m -> m.kind() == ManifestKind.POM_XML || m.kind() == ManifestKind.GRADLE)) {
            return manifests;
        }
        List<Manifest> out = new ArrayList<>(manifests);
        for (Manifest m : project.manifests()) {
            if ((m.kind() == ManifestKind.POM_XML || m.kind() == ManifestKind.GRADLE)
                    && PathNames.parent(m.file()).equals(container.build().context())) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Reads an application from explicit inputs.
     *
     * @param files the sources that may be read
     * @param dir the folder the application lives in (the build context, "" for the root)
     * @param entryFiles the files the command runs, project paths
     * @param entryPoint what the command runs, or null
     * @param manifests the dependency manifests of the application
     * @param env the environment the program sees
     */
    public static AppSource read(SourceSet files, String dir, List<String> entryFiles, EntryPoint entryPoint,
            List<Manifest> manifests, Map<String, String> env) {
        try {
            return new Reading(files, dir, entryFiles, entryPoint, manifests, env, null, files).run();
        } catch (RuntimeException | StackOverflowError e) {
            return NONE;
        }
    }

    /**
     * Whether the container keeps the command of its base image and that command starts a Java application server
     * drydock knows (the tomcat, jetty, payara, wildfly and liberty images), which deploys the archives copied in.
     */
    public static boolean keepsImageAppServer(Container container) {
        return container != null && container.entryPoint() == null && JavaAppServers.starts(container, null);
    }

    public Set<Framework> frameworks() {
        return frameworks;
    }

    /** The application object a server would load, when one was found. */
    public Optional<AppObject> app() {
        return Optional.ofNullable(app);
    }

    public Routes routes() {
        return routes;
    }

    /** Every server start found in the code that runs (see {@link #devServer()}). */
    public List<ServerCall> serverCalls() {
        return serverCalls;
    }

    /** The first development server the code starts, if any. */
    public Optional<ServerCall> devServer() {
        return serverCalls.stream().filter(ServerCall::development).findFirst();
    }

    /** The port the code listens on, when a server start says so. */
    public Optional<Integer> port() {
        return serverCalls.stream().map(ServerCall::port).filter(p -> p != null).findFirst();
    }

    /**
     * Whether the code installs a SIGTERM handler ({@code signal.signal(signal.SIGTERM, ...)}, {@code process.on('SIGTERM')})
     * or hands its process over to another program ({@code os.execv}), which then gets the signal.
     */
    public boolean handlesSigterm() {
        return sigtermLine > 0;
    }

    /**
     * Where the Go program the container runs starts serving ({@code http.ListenAndServe}, Gin's {@code Run}, grpc-go's
     * {@code Serve}...), in file order; empty for other programs. For Go, {@link #handlesSigterm()} also counts a
     * graceful stop of the server ({@code Shutdown}, {@code GracefulStop}) as handling the signal.
     */
    public List<GoServe> goServes() {
        return goServes;
    }

    /**
     * Where the Go program takes over SIGINT ({@code os.Interrupt}), as {@code file:line}, or null: the stop signal a
     * STOPSIGNAL SIGINT or compose stop_signal: SIGINT makes docker stop send.
     */
    public String goInterruptAt() {
        return goInterruptAt;
    }

    /** Where SIGTERM is handled, as {@code file:line}, or null. */
    public String sigtermAt() {
        return sigtermLine > 0 ? sigtermFile + ":" + sigtermLine : null;
    }

    /**
     * Django's ALLOWED_HOSTS, when the settings write it as one literal list (the Host header values Django
     * answers; others get 400 Bad Request).
     */
    public Optional<List<String>> allowedHosts() {
        return Optional.ofNullable(allowedHosts);
    }

    /**
     * The ENGINE of each of Django's DATABASES entries (django.db.backends.sqlite3...), when the settings write them
     * as literals; empty when they are computed (dj_database_url, the environment) or the app is not Django.
     */
    public Optional<List<String>> djangoDatabaseEngines() {
        return Optional.ofNullable(djangoDatabaseEngines);
    }

    /**
     * The file name of the SQLite database Django's startproject settings keep in the project folder (the folder that
     * holds the settings package, from which the server imports the project), such as db.sqlite3.
     */
    public Optional<String> djangoSqliteFile() {
        return Optional.ofNullable(djangoSqliteFile);
    }

    /** The line of the settings whose NAME keeps {@link #djangoSqliteFile()} in the project folder. */
    public Optional<SettingLine> djangoSqliteName() {
        return Optional.ofNullable(djangoSqliteName);
    }

    /** Flask-SQLAlchemy's SQLALCHEMY_DATABASE_URI as the Flask application object's configuration sets it. */
    public Optional<DatabaseUri> flaskDatabaseUri() {
        return Optional.ofNullable(flaskDatabaseUri);
    }

    /**
     * Where Django's settings turn DEBUG on for good: a literal {@code DEBUG = True} at the top level of the settings
     * module the server loads (or of a module it star-imports) that nothing after it changes.
     */
    public Optional<SettingLine> djangoDebugOn() {
        return Optional.ofNullable(djangoDebugOn);
    }

    /** The dotted name of the Django settings module the container runs with ({@code mysite.settings.dev}), or empty. */
    public Optional<String> djangoSettingsModule() {
        return Optional.ofNullable(djangoSettingsModule);
    }

    /** The sensitive actuator endpoints a Spring Boot application's configuration exposes over HTTP, if any. */
    public Optional<ActuatorExposure> actuatorExposure() {
        return Optional.ofNullable(actuatorExposure);
    }

    /** A line of a settings file: its path, its line and the column where the statement starts. */
    public record SettingLine(String file, int line, int column) {}

    /**
     * Where Django's settings read DEBUG from the environment variable {@code variable} with a default that turns it on
     * ({@code os.environ.get("DJANGO_DEBUG", True)}, {@code env.bool("DEBUG", default=True)}), that write having the
     * last word on DEBUG in the settings module the server loads.
     */
    public Optional<DebugDefault> djangoDebugDefault() {
        return Optional.ofNullable(djangoDebugDefault);
    }

    /** DEBUG read from {@code variable}, on when that variable is unset. */
    public record DebugDefault(SettingLine at, String variable) {}

    /**
     * Django's SECRET_KEY as the settings module the server loads has the last word on it: a literal written at its top
     * level, or a read of the environment with a literal default; empty when it is computed otherwise, read without a
     * default or not set.
     */
    public Optional<SecretKey> djangoSecretKey() {
        return Optional.ofNullable(djangoSecretKey);
    }

    /**
     * SECRET_KEY at {@code line} of {@code file}: {@code value} is the literal key, or the default the read of
     * {@code variable} falls back to ({@code variable} null for a literal).
     */
    public record SecretKey(String file, int line, String value, String variable) {}

    /**
     * A database setting (a URI, a file's path) the application's configuration writes at {@code file:line}:
     * {@code literal} the text it computes; else read from the environment variable {@code variable} with
     * {@code fallback} when it is unset (null when the read has no default). {@code overrides} are variables of the
     * environment that replace it when set, first first (Flask's from_prefixed_env: FLASK_SQLALCHEMY_DATABASE_URI).
     * A text built from the module's own location ({@code os.path.dirname(__file__)}, {@code Path(__file__).parent})
     * holds {@link #MODULE_FOLDER} for the folder of {@code file}, to be put in place by {@link #resolve}.
     */
    public record DatabaseUri(String file, int line, String literal, String variable, String fallback,
            List<String> overrides) {

        /** Stands for the folder of {@link #file} in {@link #literal} and {@link #fallback}. */
        public static final String MODULE_FOLDER = PyPaths.MODULE_FOLDER;

        public DatabaseUri {
            overrides = List.copyOf(overrides);
        }

        /** The text with {@code folder}, where the module's folder lands in the container, in place of MODULE_FOLDER. */
        public static String resolve(String text, String folder) {
            return PyPaths.resolve(text, folder);
        }
    }

    /**
     * The NAME of Django's one DATABASES entry when it is a SQLite one, as the settings module the server loads (or a
     * module it star-imports) writes it: a path, absolute or relative to the working directory, built from literals,
     * BASE_DIR and the settings file's own location, or read from the environment with such a default.
     */
    public Optional<DatabaseUri> djangoSqliteDatabase() {
        return Optional.ofNullable(djangoSqliteDatabase);
    }

    /**
     * The SECRET_KEY of the Flask application the server loads, as the statements configuring it where it is created
     * (and the config class or file they load) have the last word on it: a literal, or a read of the environment with
     * a literal default; empty when it is computed otherwise, set in a branch, loaded from somewhere drydock cannot
     * follow or not set.
     */
    public Optional<SecretKey> flaskSecretKey() {
        return Optional.ofNullable(flaskSecretKey);
    }

    /** Where the application's code creates Flask-SocketIO's server ({@code SocketIO(app)}), if it does. */
    public Optional<SettingLine> flaskSocketIO() {
        return Optional.ofNullable(socketIO);
    }

    /** The source files read. */
    public List<String> files() {
        return files;
    }

    @Override
    public String toString() {
        return "AppSource" + frameworks + " app=" + app + " routes=" + routes + " servers=" + serverCalls;
    }

    /** One reading: decides the language, the start files, and runs the readers. */
    private static final class Reading {
        private final SourceSet files;
        private final String dir;
        private final List<String> entryFiles;
        private final EntryPoint ep;
        private final List<Manifest> manifests;
        private final Map<String, String> env;
        private final String goMainDir;
        /** Every source of the build context, copied into the image or not: a JVM build compiles them outside. */
        private final SourceSet contextFiles;
        /** The Nitro preset the Dockerfile's build asks for (NITRO_PRESET, SERVER_PRESET, --preset), or null. */
        private String nitroPreset;
        /** What the Dockerfile names of the JVM module it builds ({@link BuiltProgram#jvmModules}). */
        private List<String> jvmModules = List.of();

        Reading(SourceSet files, String dir, List<String> entryFiles, EntryPoint ep, List<Manifest> manifests,
                Map<String, String> env, String goMainDir, SourceSet contextFiles) {
            this.goMainDir = goMainDir;
            this.contextFiles = contextFiles;
            this.files = files;
            this.dir = dir == null ? "" : dir;
            this.entryFiles = entryFiles == null ? List.of() : entryFiles;
            this.ep = ep;
            this.manifests = manifests == null ? List.of() : manifests;
            this.env = env == null ? Map.of() : env;
        }

        Reading withNitroPreset(String preset) {
            this.nitroPreset = preset;
            return this;
        }

        Reading withJvmModules(List<String> modules) {
            this.jvmModules = modules;
            return this;
        }

        AppSource run() {
            Language language = ep == null ? Language.NONE : ep.runtime().language();
            if (language == Language.JVM) {
                return jvm();
            }
            if (language == Language.PYTHON) {
                return python(false);
            }
            if (ep != null && ep.runtime() == Runtime.ASTRO_STANDALONE) {
                return AstroServer.of(files, dir)
                        .map(call -> new AppSource(Set.of(), null, Routes.unknown(), List.of(call), null, 0,
                                List.of(call.file())))
                        .orElse(NONE);
            }
            if (language == Language.NODE) {
                return builtNodeServer().orElseGet(() -> node(false));
            }
            if (ep != null) {
                Optional<AppSource> fileRouted = fileRoutedServer(ep);
                if (fileRouted.isPresent()) {
                    return fileRouted.get();
                }
            }
            List<GoSources> go = GoSources.of(manifests, files, goMainDir);
            if (!go.isEmpty()) {
                List<ServerCall> calls = GoServer.starts(go, ep != null && ep.args().size() > 1);
                Routes routes = GoRoutes.routes(go, files);
                List<GoServe> serves = GoShutdowns.serves(go);
                if (!calls.isEmpty() || routes.known() || !serves.isEmpty()) {
                    String[] stop = GoShutdowns.stopHandled(go).orElse(null);
                    AppSource goApp = new AppSource(frameworks(routes), null, routes, calls, stop == null ? null : stop[0],
                            stop == null ? 0 : Integer.parseInt(stop[1]), go.stream().map(g -> g.file().path()).toList(),
                            null, serves);
                    goApp.goInterruptAt = GoShutdowns.interruptHandled(go).map(at -> at[0] + ":" + at[1]).orElse(null);
                    return goApp;
                }
            }
            List<ServerCall> rust = RustServer.starts(manifests, files);
            Routes rustRoutes = RustRoutes.routes(manifests, files);
            if (!rust.isEmpty() || rustRoutes.known()) {
                return new AppSource(frameworks(rustRoutes), null, rustRoutes, rust, null, 0, List.of());
            }
            Routes phoenix = PhoenixRoutes.read(manifests, files);
            if (phoenix.known()) {
                return new AppSource(Set.of(Framework.PHOENIX), null, phoenix, List.of(), null, 0, List.of());
            }
            Routes sinatra = SinatraRoutes.read(manifests, files);
            if (sinatra.known()) {
                return new AppSource(Set.of(Framework.SINATRA), null, sinatra, List.of(), null, 0, List.of());
            }
            Optional<AppSource> conventional = ConventionalHealthRoutes.read(files, dir);
            if (conventional.isPresent()) {
                return conventional.get();
            }
            AppSource py = python(true);
            if (py.app != null || py.routes.known()) {
                return py;
            }
            AppSource js = node(true);
            if (js.app != null || js.routes.known()) {
                return js;
            }
            AppSource jvm = jvm(); // a native executable built from a Quarkus or Micronaut application
            if (jvm.routes.known() || !jvm.serverCalls.isEmpty()) {
                return jvm;
            }
            Routes aspNet = AspNetRoutes.routes(manifests, files);
            return aspNet.known() ? new AppSource(Set.of(Framework.ASPNET_CORE), null, aspNet,
                    AspNetServer.bindingsInCode(manifests, files, env), null, 0,
                    List.of()) : py;
        }

        /**
         * The server SvelteKit's Node adapter or Nitro built, when {@code node} runs its entry, directly or through a
         * package.json script.
         */
        private Optional<AppSource> builtNodeServer() {
            EntryPoint runs = ep;
            if (ep.runtime() != Runtime.NODE && ep.target().kind() == Target.Kind.SCRIPT) {
                runs = NodePackage.script(files, dir, ep.target().value(), env, "/").map(NodePackage::entryPoint)
                        .orElse(null);
            }
            Optional<AppSource> fileRouted = runs == null ? Optional.empty() : fileRoutedServer(runs);
            if (fileRouted.isPresent()) {
                return fileRouted;
            }
            if (runs == null || runs.runtime() != Runtime.NODE || runs.target().path() == null) {
                return Optional.empty();
            }
            String script = runs.target().path();
            return SvelteKitServer.of(files, dir, script).or(() -> NitroServer.of(files, dir, script, env, nitroPreset));
        }

        /**
         * The application of a framework's own server whose routes are its files: Next's ({@code next start}, the
         * standalone server.js), Remix's {@code remix-serve} and React Router's {@code react-router-serve}; empty when
         * those routes cannot be read.
         */
        private Optional<AppSource> fileRoutedServer(EntryPoint runs) {
            if (runs.runtime() == Runtime.NEXT_START || runs.runtime() == Runtime.NEXT_STANDALONE) {
                Routes routes = NextRoutes.read(files, dir);
                return routes.known() ? Optional.of(AppSource.withRoutes(Framework.NEXTJS, routes)) : Optional.empty();
            }
            if (runs.runtime() == Runtime.BINARY && !runs.args().isEmpty() && RemixRoutes.serves(runs.args().get(0))) {
                Routes routes = RemixRoutes.read(files, dir);
                return routes.known() ? Optional.of(AppSource.withRoutes(routes.all().stream().findFirst()
                        .map(Route::framework).orElse(Framework.REMIX), routes))
                        : Optional.empty();
            }
            return Optional.empty();
        }

        private static Set<Framework> frameworks(Routes routes) {
            Set<Framework> out = EnumSet.noneOf(Framework.class);
            routes.all().forEach(r -> out.add(r.framework()));
            return out;
        }

        private AppSource python(boolean guessOnly) {
            List<String> starts = new ArrayList<>(entryFiles.stream().filter(f -> f.endsWith(".py")).toList());
            if (starts.isEmpty()) {
                for (String c : PYTHON_CANDIDATES) {
                    String p = PathNames.join(dir, c);
                    if (files.contains(p)) {
                        starts.add(p);
                    }
                }
            }
            if (starts.isEmpty() && !guessOnly) {
                int read = 0;
                for (String p : files.paths()) {
                    if (!p.endsWith(".py") || read++ > 200) {
                        continue;
                    }
                    String text = files.read(p).map(f -> f.text()).orElse("");
                    if (text.contains("Flask(") || text.contains("FastAPI(") || text.contains("Starlette(")
                            || text.contains("Quart(")) {
                        starts.add(p);
                    }
                }
            }
            if (starts.isEmpty()) {
                return NONE;
            }
            PythonApps py = new PythonApps(files);
            py.load(starts);
            Set<Framework> frameworks = EnumSet.noneOf(Framework.class);
            AppObject app = null;
            Routes routes = Routes.unknown();
            List<AppObject> apps = py.apps(starts);
            if (!apps.isEmpty()) {
                app = apps.get(0);
                routes = py.routes(app);
                apps.forEach(a -> frameworks.add(a.framework()));
            }
            DjangoUrls django = new DjangoUrls(py);
            String settings = env.get("DJANGO_SETTINGS_MODULE");
            if (ep != null && ep.option("settings") != null) {
                settings = ep.option("settings");
            }
            if (settings == null) {
                settings = django.settingsModule();
            }
            List<String> allowedHosts = null;
            List<String> databaseEngines = null;
            String sqliteFile = null;
            DatabaseUri sqliteDatabase = null;
            PyModule.DebugWrite debug = null;
            PyModule.SecretKeyWrite secretKey = null;
            if (settings != null && app == null) {
                debug = django.debugWrite(settings, starts.get(0));
                secretKey = django.secretKeyWrite(settings, starts.get(0));
                allowedHosts = django.allowedHosts(settings, starts.get(0));
                databaseEngines = django.databaseEngines(settings, starts.get(0));
                sqliteFile = django.sqliteFileInProject(settings, starts.get(0));
                sqliteDatabase = django.sqliteName(settings, starts.get(0));
                Routes djangoRoutes = django.routes(settings, starts.get(0));
                frameworks.add(Framework.DJANGO);
                routes = djangoRoutes;
                app = djangoApp(py, settings, starts.get(0));
            }
            String entry = ep != null && ep.runtime() == Runtime.PYTHON && (ep.target().kind() == Target.Kind.FILE
                    || ep.target().kind() == Target.Kind.MODULE) && !entryFiles.isEmpty() ? entryFiles.get(0) : null;
            List<ServerCall> calls = entry == null ? List.of() : py.serverCalls(entry);
            String[] sig = py.sigterm().orElse(null);
            AppSource python = new AppSource(frameworks, app, routes, calls, sig == null ? null : sig[0],
                    sig == null ? 0 : Integer.parseInt(sig[1]), List.copyOf(py.loaded().keySet()), allowedHosts, List.of());
            python.djangoDatabaseEngines = databaseEngines == null ? null : List.copyOf(databaseEngines);
            if (debug != null && Boolean.TRUE.equals(debug.on())) {
                python.djangoDebugOn = new SettingLine(debug.file(), debug.line(), debug.column());
            } else if (debug != null && debug.fromEnv() != null && debug.fromEnv().on()) {
                python.djangoDebugDefault = new DebugDefault(new SettingLine(debug.file(), debug.line(), debug.column()),
                        debug.fromEnv().variable());
            }
            python.djangoSecretKey = secretKey(secretKey);
            if (app != null && app.framework() == Framework.FLASK) {
                python.flaskSecretKey = secretKey(new FlaskSecretKey(py).of(app));
                python.flaskDatabaseUri = new FlaskDatabaseUri(py).of(app);
            }
            py.loaded().values().stream().filter(m -> m.socketIOLine > 0).findFirst()
                    .ifPresent(m -> python.socketIO = new SettingLine(m.file, m.socketIOLine, 1));
            python.djangoSqliteFile = sqliteFile;
            python.djangoSqliteDatabase = sqliteDatabase;
            python.djangoSqliteName = sqliteFile == null ? null : django.sqliteNameLine(settings, starts.get(0));
            python.djangoSettingsModule = debug == null ? null : settings;
            return python;
        }

        private static SecretKey secretKey(PyModule.SecretKeyWrite write) {
            return write == null || write.literal() == null && write.fallback() == null ? null
                    : new SecretKey(write.file(), write.line(), write.literal() != null ? write.literal()
                            : write.fallback(), write.variable());
        }

        /**
         * Django's WSGI application: {@code application} in the {@code wsgi.py} of the settings module's package, or
         * of a package above it when the settings are a package of their own ({@code config.settings.production}
         * beside {@code config/wsgi.py}).
         */
        private static AppObject djangoApp(PythonApps py, String settings, String from) {
            String pkg = settings;
            PyModule m = null;
            String wsgi = null;
            while (m == null && pkg.contains(".")) {
                pkg = pkg.substring(0, pkg.lastIndexOf('.'));
                wsgi = py.moduleFile(from, pkg + ".wsgi", 0);
                m = py.module(wsgi);
            }
            if (m == null && !settings.contains(".")) {
                wsgi = py.moduleFile(from, "wsgi", 0);
                m = py.module(wsgi);
            }
            if (m == null) {
                return null;
            }
            int line = m.statements.stream().filter(s -> s.text().startsWith("application")).mapToInt(PyLexer.Statement::line)
                    .findFirst().orElse(1);
            return new AppObject(Framework.DJANGO, wsgi, line, "application", wsgi, "application", false);
        }

        private AppSource node(boolean guessOnly) {
            List<String> starts = new ArrayList<>(entryFiles.stream()
                    .filter(f -> f.matches(".*\\.(js|mjs|cjs|ts|mts|cts|jsx|tsx)$")).toList());
            if (starts.isEmpty() && ep != null && ep.target().kind() == Target.Kind.SCRIPT) {
                (ep.runtime() == Runtime.DENO_TASK ? DenoTasks.task(files, dir, ep.target().value(), env, "/")
                        : NodePackage.script(files, dir, ep.target().value(), env, "/")).ifPresent(s -> {
                    for (String f : s.entryPoint().targetFiles()) {
                        String p = PathNames.normalizeRelative(PathNames.join(dir, f.startsWith("/") ? f.substring(1) : f));
                        if (p != null && files.contains(p)) {
                            starts.add(p);
                            break;
                        }
                    }
                });
            }
            if (starts.isEmpty()) {
                NodePackage.main(files, dir).filter(files.paths()::contains).ifPresent(starts::add);
            }
            if (starts.isEmpty()) {
                for (String c : NODE_CANDIDATES) {
                    String p = PathNames.join(dir, c);
                    if (files.contains(p)) {
                        starts.add(p);
                        break;
                    }
                }
            }
            if (starts.isEmpty()) {
                return NONE;
            }
            JsApps js = new JsApps(files);
            js.load(starts);
            List<JsApps.ObjRef> apps = js.apps(starts);
            Set<Framework> frameworks = EnumSet.noneOf(Framework.class);
            AppObject app = null;
            Routes routes = Routes.unknown();
            String nest = starts.stream().filter(s -> NestRoutes.bootstraps(files, s)).findFirst().orElse(null);
            if (nest != null) {
                frameworks.add(Framework.NESTJS);
                routes = NestRoutes.read(files, dir, nest);
            } else if (!apps.isEmpty()) {
                JsApps.ObjRef first = apps.get(0);
                app = new AppObject(first.obj().framework(), first.module().file, first.obj().line(), first.obj().name(),
                        first.module().file, first.obj().name(), false);
                routes = js.routes(first);
                apps.forEach(a -> frameworks.add(a.obj().framework()));
            }
            String[] sig = js.sigterm().orElse(null);
            Set<String> read = new LinkedHashSet<>();
            js.loaded().forEach(m -> read.add(m.file));
            List<ServerCall> listens = new ArrayList<>(js.listens());
            denoServe(starts.get(0)).ifPresent(listens::add);
            return new AppSource(frameworks, app, routes, listens, sig == null ? null : sig[0],
                    sig == null ? 0 : Integer.parseInt(sig[1]), List.copyOf(read));
        }

        /**
         * The server {@code deno serve} starts for the module's default export (also as the command of a deno task):
         * on its --port, else on 8000; empty for other commands.
         */
        private Optional<ServerCall> denoServe(String start) {
            EntryPoint deno = ep == null ? null : ep.runtime() == Runtime.DENO_TASK
                    ? DenoTasks.task(files, dir, ep.target().value(), env, "/").map(NodePackage::entryPoint).orElse(null)
                    : ep;
            if (deno == null || deno.runtime() != Runtime.DENO || !"serve".equals(deno.option("command"))) {
                return Optional.empty();
            }
            String portOption = deno.option("port");
            Integer port = portOption == null ? Integer.valueOf(JsModule.DENO_DEFAULT_PORT)
                    : portOption.matches("\\d{1,5}") ? Integer.valueOf(portOption) : null;
            int line = files.read(start).map(f -> {
                int at = f.text().indexOf("export default");
                return at < 0 ? 1 : f.position(at).line();
            }).orElse(1);
            return Optional.of(new ServerCall("deno serve", String.join(" ", deno.args()), false, false, start, line,
                    deno.option("host"), port, portOption, null, null));
        }

        /** The JVM application: Spring Boot, Quarkus, Micronaut or Ktor, the first the build depends on. */
        private AppSource jvm() {
            AppSource spring = spring();
            if (spring.routes.known()) {
                return spring;
            }
            AppSource quarkus = quarkus();
            if (quarkus.routes.known()) {
                return quarkus;
            }
            AppSource micronaut = micronaut();
            if (micronaut != NONE) {
                return micronaut;
            }
            return ktor();
        }

        private AppSource quarkus() {
            Routes routes = QuarkusRoutes.routes(manifests, files, contextFiles, dir);
            if (!routes.known()) {
                return NONE;
            }
            List<ServerCall> calls = QuarkusServer.of(manifests, files, ConfiguredPort.environment(ep, env), env);
            return new AppSource(Set.of(Framework.QUARKUS), null, routes, calls, null, 0, List.of());
        }

        private AppSource micronaut() {
            Map<String, String> properties = ConfiguredPort.environment(ep, env);
            List<ServerCall> calls = MicronautServer.of(manifests, files, properties, env);
            if (calls.isEmpty()) {
                return NONE;
            }
            return new AppSource(Set.of(Framework.MICRONAUT), null, MicronautServer.routes(manifests, files, contextFiles, dir,
                    properties),
                    calls, null, 0, List.of());
        }

        private AppSource ktor() {
            Manifest build = KtorServer.build(manifests);
            if (build == null) {
                return NONE;
            }
            Map<String, String> sources = KtorServer.sources(build, contextFiles);
            List<ServerCall> calls = KtorServer.starts(build, sources, files, ep, env);
            Routes routes = KtorRoutes.read(sources);
            if (calls.isEmpty() && !routes.known()) {
                return NONE;
            }
            return new AppSource(Set.of(Framework.KTOR), null, routes, calls, null, 0, List.copyOf(sources.keySet()));
        }

        private AppSource spring() {
            SpringModule module = SpringModule.locate(manifests, jvmModules, dir, files);
            if (module == null) {
                return NONE;
            }
            Map<String, String> properties = SpringServer.environment(ep, env);
            SpringConfig config = SpringConfig.read(module.dir(), files, properties);
            Routes routes = SpringRoutes.routes(module, config, files, contextFiles, dir, properties);
            List<ServerCall> calls = SpringServer.of(module, config, properties, env);
            AppSource spring = new AppSource(Set.of(Framework.SPRING_BOOT), null, routes, calls, null, 0, List.of());
            spring.actuatorExposure = ActuatorExposure.of(module, config);
            return spring;
        }
    }
}
