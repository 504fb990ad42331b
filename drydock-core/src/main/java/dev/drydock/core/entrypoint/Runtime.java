package dev.drydock.core.entrypoint;

import dev.drydock.core.discovery.Ecosystem;

/**
 * What program a container's command finally runs. {@link #developmentServer()} marks programs
 * that are development servers by design (auto-reload, debug pages, single process, compile at
 * start); {@link EntryPoint#development()} also counts {@code --reload}/{@code --debug}-style
 * options on production servers.
 */
public enum Runtime {
    /** No command at all (empty argv). */
    NONE(Ecosystem.NONE, false),
    /** A shell script drydock did not split ({@link EntryPoint#shellScript()}), or a bare interactive shell. */
    SHELL(Ecosystem.SHELL, false),
    /** An entry-point script whose effect is unknown ({@link EntryPoint#scripts()}). */
    SCRIPT(Ecosystem.SHELL, false),

    /** {@code python app.py}, {@code python -m pkg}, {@code python -c ...}. */
    PYTHON(Ecosystem.PYTHON, false),
    /** {@code flask run}: Werkzeug's development server. */
    FLASK_RUN(Ecosystem.PYTHON, true),
    /** Another {@code flask} command ({@code flask db upgrade}); {@code options.command} names it. */
    FLASK_COMMAND(Ecosystem.PYTHON, false),
    GUNICORN(Ecosystem.PYTHON, false),
    UVICORN(Ecosystem.PYTHON, false),
    HYPERCORN(Ecosystem.PYTHON, false),
    /** {@code waitress-serve}, {@code python -m waitress}. */
    WAITRESS(Ecosystem.PYTHON, false),
    DAPHNE(Ecosystem.PYTHON, false),
    GRANIAN(Ecosystem.PYTHON, false),
    /** {@code python manage.py runserver}, {@code django-admin runserver}. */
    DJANGO_RUNSERVER(Ecosystem.PYTHON, true),
    /** Another {@code manage.py}/{@code django-admin} command; {@code options.command} names it. */
    DJANGO_MANAGE(Ecosystem.PYTHON, false),
    FASTAPI_DEV(Ecosystem.PYTHON, true),
    FASTAPI_RUN(Ecosystem.PYTHON, false),
    STREAMLIT(Ecosystem.PYTHON, false),
    /** {@code celery -A proj worker|beat|flower}; {@code options.command} names the sub-command. */
    CELERY(Ecosystem.PYTHON, false),

    /** {@code node server.js}. */
    NODE(Ecosystem.NODE, false),
    /** {@code npm start}, {@code npm run <script>}: the target is the script name. */
    NPM(Ecosystem.NODE, false),
    YARN(Ecosystem.NODE, false),
    PNPM(Ecosystem.NODE, false),
    /** {@code bun run <script|file>}, {@code bun file.ts}. */
    BUN(Ecosystem.NODE, false),
    NODEMON(Ecosystem.NODE, true),
    /** {@code ts-node}, {@code ts-node-dev}, {@code tsx}: TypeScript compiled at start. */
    TS_NODE(Ecosystem.NODE, false),
    NEXT_START(Ecosystem.NODE, false),
    NEXT_DEV(Ecosystem.NODE, true),
    /** {@code vite}, {@code vite dev}, {@code vite serve}. */
    VITE_DEV(Ecosystem.NODE, true),
    /** {@code vite preview}: documented as not meant for production. */
    VITE_PREVIEW(Ecosystem.NODE, true),
    NG_SERVE(Ecosystem.NODE, true),
    /** {@code react-scripts start}. */
    REACT_SCRIPTS_START(Ecosystem.NODE, true),
    /** {@code serve -s build}: a static file server. */
    SERVE(Ecosystem.NODE, false),
    /** {@code pm2-runtime}. */
    PM2(Ecosystem.NODE, false),

    /** {@code java -jar app.jar}, {@code java -cp ... Main}. */
    JAVA(Ecosystem.JVM, false),
    /** {@code mvn spring-boot:run}, {@code gradle bootRun}: builds and runs from sources at start. */
    SPRING_BOOT_RUN(Ecosystem.JVM, true),
    /** Other Maven goals; {@code options.goals}. */
    MAVEN(Ecosystem.JVM, false),
    /** Other Gradle tasks; {@code options.tasks}. */
    GRADLE(Ecosystem.JVM, false),

    /** {@code go run}: compiles at every start. */
    GO_RUN(Ecosystem.GO, true),

    /** {@code rails server}/{@code rails s}. */
    RAILS_SERVER(Ecosystem.RUBY, false),
    /** Another {@code rails} command; {@code options.command}. */
    RAILS_COMMAND(Ecosystem.RUBY, false),
    PUMA(Ecosystem.RUBY, false),
    RACKUP(Ecosystem.RUBY, false),
    UNICORN(Ecosystem.RUBY, false),
    /** {@code ruby app.rb}. */
    RUBY(Ecosystem.RUBY, false),

    /** {@code php artisan serve}: PHP's built-in development server. */
    ARTISAN_SERVE(Ecosystem.PHP, true),
    /** {@code php artisan octane:start}. */
    LARAVEL_OCTANE(Ecosystem.PHP, false),
    /** Another {@code php artisan} command; {@code options.command}. */
    ARTISAN_COMMAND(Ecosystem.PHP, false),
    /** {@code php -S host:port}: the built-in development server. */
    PHP_BUILTIN_SERVER(Ecosystem.PHP, true),
    PHP_FPM(Ecosystem.PHP, false),
    FRANKENPHP(Ecosystem.PHP, false),
    /** {@code php script.php}. */
    PHP(Ecosystem.PHP, false),

    NGINX(Ecosystem.NONE, false),
    /** {@code httpd-foreground}, {@code apache2-foreground}, {@code httpd -D FOREGROUND}, {@code apachectl}. */
    APACHE(Ecosystem.NONE, false),
    CADDY(Ecosystem.NONE, false),
    SUPERVISORD(Ecosystem.NONE, false),

    /**
     * An executable drydock does not recognise: the application's own compiled binary
     * ({@code /app/server}, {@code ./main}) or a third-party program; the target is its path.
     */
    BINARY(Ecosystem.NONE, false);

    private final Ecosystem ecosystem;
    private final boolean developmentServer;

    Runtime(Ecosystem ecosystem, boolean developmentServer) {
        this.ecosystem = ecosystem;
        this.developmentServer = developmentServer;
    }

    public Ecosystem ecosystem() {
        return ecosystem;
    }

    public boolean developmentServer() {
        return developmentServer;
    }
}
