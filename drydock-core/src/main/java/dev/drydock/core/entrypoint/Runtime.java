package dev.drydock.core.entrypoint;

import dev.drydock.core.discovery.Language;

/**
 * What program a container's command finally runs. {@link #developmentServer()} marks programs
 * that are development servers by design (auto-reload, debug pages, single process, compile at
 * start); {@link EntryPoint#development()} also counts {@code --reload}/{@code --debug}-style
 * options on production servers.
 */
public enum Runtime {
    /** No command at all (empty argv). */
    NONE(Language.NONE, false),
    /** A shell script drydock did not split ({@link EntryPoint#shellScript()}), or a bare interactive shell. */
    SHELL(Language.SHELL, false),
    /** An entry-point script whose effect is unknown ({@link EntryPoint#scripts()}). */
    SCRIPT(Language.SHELL, false),

    /** {@code python app.py}, {@code python -m pkg}, {@code python -c ...}. */
    PYTHON(Language.PYTHON, false),
    /** {@code flask run}: Werkzeug's development server. */
    FLASK_RUN(Language.PYTHON, true),
    /** Another {@code flask} command ({@code flask db upgrade}); {@code options.command} names it. */
    FLASK_COMMAND(Language.PYTHON, false),
    GUNICORN(Language.PYTHON, false),
    UVICORN(Language.PYTHON, false),
    HYPERCORN(Language.PYTHON, false),
    /** {@code waitress-serve}, {@code python -m waitress}. */
    WAITRESS(Language.PYTHON, false),
    DAPHNE(Language.PYTHON, false),
    GRANIAN(Language.PYTHON, false),
    /** {@code python manage.py runserver}, {@code django-admin runserver}. */
    DJANGO_RUNSERVER(Language.PYTHON, true),
    /** Another {@code manage.py}/{@code django-admin} command; {@code options.command} names it. */
    DJANGO_MANAGE(Language.PYTHON, false),
    FASTAPI_DEV(Language.PYTHON, true),
    FASTAPI_RUN(Language.PYTHON, false),
    STREAMLIT(Language.PYTHON, false),
    /** {@code celery -A proj worker|beat|flower}; {@code options.command} names the sub-command. */
    CELERY(Language.PYTHON, false),

    /** {@code node server.js}. */
    NODE(Language.NODE, false),
    /** {@code npm start}, {@code npm run <script>}: the target is the script name. */
    NPM(Language.NODE, false),
    YARN(Language.NODE, false),
    PNPM(Language.NODE, false),
    /** {@code bun run <script|file>}, {@code bun file.ts}. */
    BUN(Language.NODE, false),
    /**
     * {@code deno run [flags] file}, {@code deno serve file} ({@code options.port} holds its --port; it listens on 8000 without one), and Deno's
     * other sub-commands; {@code options.command} names the sub-command, the target is the file (a module for
     * {@code npm:}, {@code jsr:} and URLs), the flags are interpreter options ({@code --allow-net}, {@code --watch}).
     */
    DENO(Language.NODE, false),
    /** {@code deno task NAME}: a task of deno.json or deno.jsonc (else a package.json script); the target is its name. */
    DENO_TASK(Language.NODE, false),
    NODEMON(Language.NODE, true),
    /** {@code ts-node}, {@code ts-node-dev}, {@code tsx}: TypeScript compiled at start. */
    TS_NODE(Language.NODE, false),
    NEXT_START(Language.NODE, false),
    /**
     * {@code node server.js} from Next's standalone output ({@code .next/standalone}): Next's production server, on
     * PORT (3000 when unset) and HOSTNAME; {@code options.port}, {@code options.host} hold them when set.
     */
    NEXT_STANDALONE(Language.NODE, false),
    NEXT_DEV(Language.NODE, true),
    /**
     * {@code node dist/server/entry.mjs}: the server Astro's Node adapter ({@code @astrojs/node}) builds in standalone
     * mode. It listens on HOST, else the astro.config's server.host (localhost when unset), and on PORT, else the
     * config's server.port (4321 when unset); {@code options.host} holds HOST when set.
     */
    ASTRO_STANDALONE(Language.NODE, false),
    /** {@code vite}, {@code vite dev}, {@code vite serve}. */
    VITE_DEV(Language.NODE, true),
    /** {@code vite preview}: documented as not meant for production. */
    VITE_PREVIEW(Language.NODE, true),
    NG_SERVE(Language.NODE, true),
    /** {@code vue-cli-service serve}: Vue CLI's webpack development server. */
    VUE_CLI_SERVE(Language.NODE, true),
    /** {@code react-scripts start}. */
    REACT_SCRIPTS_START(Language.NODE, true),
    /** {@code serve -s build}: a static file server. */
    SERVE(Language.NODE, false),
    /** {@code pm2-runtime}. */
    PM2(Language.NODE, false),

    /** {@code java -jar app.jar}, {@code java -cp ... Main}. */
    JAVA(Language.JVM, false),
    /** {@code mvn spring-boot:run}, {@code gradle bootRun}: builds and runs from sources at start. */
    SPRING_BOOT_RUN(Language.JVM, true),
    /** Other Maven goals; {@code options.goals}. */
    MAVEN(Language.JVM, false),
    /** Other Gradle tasks; {@code options.tasks}. */
    GRADLE(Language.JVM, false),

    /** {@code go run}: compiles at every start. */
    GO_RUN(Language.GO, true),
    /**
     * A Go file watcher (air, CompileDaemon, gow): it builds the program with the Go tool chain at start and rebuilds
     * and restarts it whenever a source file changes.
     */
    GO_WATCH(Language.GO, true),

    /** {@code dotnet watch}: the SDK's file watcher, which rebuilds and restarts the app when a source file changes. */
    DOTNET_WATCH(Language.NONE, true),
    /**
     * {@code dotnet run}: the SDK restores and builds the project (Debug unless {@code -c}/{@code --configuration}
     * names another, in {@code options.configuration}) at every start, then runs it.
     */
    DOTNET_RUN(Language.NONE, true),
    /**
     * {@code cargo run}: Cargo compiles the crate at every start, with the unoptimised dev profile unless
     * {@code --release}/{@code -r} or {@code --profile} ({@code options.profile}) names another.
     */
    CARGO_RUN(Language.NONE, true),
    /**
     * {@code mix phx.server} (also through {@code elixir -S mix} or {@code iex -S mix}): Phoenix run by Mix from the
     * sources; {@code options.environment} holds MIX_ENV, which Mix takes as dev when it is unset.
     */
    MIX_PHX_SERVER(Language.NONE, false),
    /**
     * A Mix release started in the foreground: {@code bin/<app> start} (or {@code start_iex}), or phx.gen.release's
     * {@code bin/server}, which runs {@code PHX_SERVER=true exec ./<app> start}. {@code options.server} is "true" when
     * the Phoenix endpoint is told to serve (PHX_SERVER set, or bin/server); {@code options.port} holds PORT when set
     * (Phoenix's generated runtime configuration listens on 4000 without it).
     */
    ELIXIR_RELEASE(Language.NONE, false),
    /** {@code rails server}/{@code rails s}. */
    RAILS_SERVER(Language.RUBY, false),
    /** Another {@code rails} command; {@code options.command}. */
    RAILS_COMMAND(Language.RUBY, false),
    PUMA(Language.RUBY, false),
    RACKUP(Language.RUBY, false),
    UNICORN(Language.RUBY, false),
    /** {@code ruby app.rb}. */
    RUBY(Language.RUBY, false),

    /** {@code php artisan serve}: PHP's built-in development server. */
    ARTISAN_SERVE(Language.PHP, true),
    /** {@code php artisan octane:start}. */
    LARAVEL_OCTANE(Language.PHP, false),
    /** Another {@code php artisan} command; {@code options.command}. */
    ARTISAN_COMMAND(Language.PHP, false),
    /** {@code php -S host:port}: the built-in development server. */
    PHP_BUILTIN_SERVER(Language.PHP, true),
    PHP_FPM(Language.PHP, false),
    FRANKENPHP(Language.PHP, false),
    /** {@code rr serve}: RoadRunner, the PHP application server; {@code options.config} names its .rr.yaml. */
    ROADRUNNER(Language.PHP, false),
    /** {@code php script.php}. */
    PHP(Language.PHP, false),

    NGINX(Language.NONE, false),
    /** {@code httpd-foreground}, {@code apache2-foreground}, {@code httpd -D FOREGROUND}, {@code apachectl}. */
    APACHE(Language.NONE, false),
    CADDY(Language.NONE, false),
    SUPERVISORD(Language.NONE, false),

    /**
     * An executable drydock does not recognise: the application's own compiled binary
     * ({@code /app/server}, {@code ./main}) or a third-party program; the target is its path.
     */
    BINARY(Language.NONE, false);

    private final Language language;
    private final boolean developmentServer;

    Runtime(Language language, boolean developmentServer) {
        this.language = language;
        this.developmentServer = developmentServer;
    }

    public Language language() {
        return language;
    }

    public boolean developmentServer() {
        return developmentServer;
    }

    /** The program as users write it, for messages: {@code php-fpm}, {@code ts-node}, {@code flask run}. */
    public String displayName() {
        return switch (this) {
            case PHP_FPM -> "php-fpm";
            case TS_NODE -> "ts-node";
            case REACT_SCRIPTS_START -> "react-scripts start";
            case VUE_CLI_SERVE -> "vue-cli-service serve";
            case MIX_PHX_SERVER -> "mix phx.server";
            case SPRING_BOOT_RUN -> "spring-boot:run";
            case ASTRO_STANDALONE -> "Astro's standalone server";
            case DENO_TASK -> "deno task";
            default -> name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }
}
