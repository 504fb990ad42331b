package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compose services that run a task to its end rather than a server: by their name (migrate, db-seed,
 * createbuckets, vault-init) or by a command that migrates or seeds a database, creates buckets or downloads the
 * GeoIP databases once ({@code geoipupdate}, which the image only repeats from its own entry point), and starts
 * nothing after it ({@code alembic upgrade head}, {@code python manage.py migrate}, {@code rails db:seed}), or that
 * runs a batch: {@code spark-submit}, a dbt command that builds or tests the models ({@code dbt run}, {@code dbt
 * build}), {@code airflow db init}. A
 * restart policy that restarts them whatever their exit code runs the task again and again.
 */
public final class ComposeJobs {

    private static final Pattern NAME_SEPARATORS = Pattern.compile("[-_.]");
    private static final Set<String> JOB_NAMES = Set.of("migrate", "migrations", "migration", "migrator", "seed",
            "seeder", "setup", "init", "createbuckets", "bootstrap", "provision");
    private static final Pattern TASK = Pattern.compile("(?:^|\\s)(?:migrate(?:\\s|$)|migrate:\\S+|db:(?:migrate|seed|setup|"
            + "prepare|create)|migration:run|migrations:migrate|loaddata|upgrade head|db upgrade|db init|db push|mc mb"
            + "|dbt (?:run|build|test|seed|snapshot|deps)(?:\\s|$))"
            + "|(?:^|[\\s/])(?:geoipupdate|spark-submit)(?:\\s|$)");
    private static final Set<String> SERVER_WORDS = Set.of("gunicorn", "uvicorn", "hypercorn", "daphne", "runserver",
            "server", "s", "serve", "start", "puma", "unicorn", "php-fpm", "nginx", "node", "java", "supervisord",
            "celery", "worker", "sidekiq", "exec", "tail", "sleep");

    /** Package managers and build tools whose bare command prints its usage and exits. */
    private static final Set<String> TOOLS = Set.of("composer", "npm", "npx", "yarn", "pnpm", "mvn", "mvnw", "gradle",
            "gradlew", "cargo", "go", "bundle", "rake", "pip", "poetry", "uv");
    /** Framework command lines run by php: Laravel's artisan, Symfony's bin/console. */
    private static final Pattern PHP_CONSOLE = Pattern.compile("(?:^|.*/)(?:artisan|bin/console)$");

    private ComposeJobs() {}

    /**
     * Whether the service wraps a command-line tool for {@code docker compose run SERVICE ARGS}: its entrypoint is a
     * package manager or build tool ({@code [composer, --ignore-platform-reqs]}, {@code [npm]}) or php with a
     * framework console ({@code [php, /var/www/html/artisan]}), with options only and no command: the entrypoint
     * clears the image's CMD, so {@code docker compose up} starts the bare tool, which prints its usage and exits.
     */
    public static boolean isCommandLineTool(Service service) {
        if (service.entrypoint() == null || service.command() != null) {
            return false;
        }
        List<String> argv = service.entrypoint().argv();
        if (argv.isEmpty()) {
            return false;
        }
        String program = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
        int options = 1;
        if (program.equals("php") && argv.size() > 1 && PHP_CONSOLE.matcher(argv.get(1)).matches()) {
            options = 2;
        } else if (!TOOLS.contains(program)) {
            return false;
        }
        return argv.subList(options, argv.size()).stream().allMatch(a -> a.startsWith("-"));
    }

    /** Whether the service runs a one-off task (see the class comment). */
    public static boolean isOneOff(Service service) {
        for (String word : NAME_SEPARATORS.split(service.name().toLowerCase(Locale.ROOT))) {
            if (JOB_NAMES.contains(word)) {
                return true;
            }
        }
        List<String> argv = new ArrayList<>();
        if (service.entrypoint() != null) {
            argv.addAll(service.entrypoint().argv());
        }
        if (service.command() != null) {
            argv.addAll(service.command().argv());
        }
        return isTask(argv);
    }

    /**
     * Whether the words run a task and start nothing after it: a migration, a seed, a data load ({@code python
     * manage.py loaddata}), bucket creation, a batch; no server, worker or {@code exec} among them.
     */
    public static boolean isTask(List<String> argv) {
        String text = String.join(" ", argv).toLowerCase(Locale.ROOT);
        if (!TASK.matcher(text).find()) {
            return false;
        }
        for (String word : text.split("[\\s;&|\"'()]+")) {
            if (SERVER_WORDS.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
