package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Commands that apply a project's database migrations ({@link #of}), and among them those of a tool that takes no lock
 * of its own, so that two copies started at once both apply the same pending migrations ({@link #unlocked}): Django's
 * {@code manage.py migrate} (and {@code django-admin migrate}), Alembic's {@code upgrade} and Flask-Migrate's
 * {@code flask db upgrade} (Alembic underneath), Laravel's {@code artisan migrate} without {@code --isolated},
 * Sequelize's {@code db:migrate} and TypeORM's {@code migration:run}. Tools that serialise concurrent runs themselves
 * are not unlocked: Rails (an advisory lock, a second run fails with ConcurrentMigrationError), Prisma's
 * {@code migrate deploy} (an advisory lock), knex (its lock table), Flyway and Liquibase (their lock or history table),
 * and Laravel's {@code migrate --isolated}; nor are the other tools {@link #of} knows, whose locking is not checked.
 */
public final class MigrationCommands {

    /**
     * One migration command.
     *
     * @param tool the tool's migration, as a message names it ("Django's migrate", "Prisma's migrate deploy")
     * @param unlocked whether the tool is one of those known to take no lock of its own
     */
    public record Migration(String tool, boolean unlocked) {}

    /** Options that make the command apply nothing: a check, a plan, or SQL printed for offline use. */
    private static final Set<String> DRY_RUN = Set.of("--check", "--plan", "--sql", "--pretend");
    private static final Set<String> RAILS_TASKS = Set.of("db:migrate", "db:prepare");
    /** golang-migrate's options that say where the migrations or the database are (its {@code migrate} is bare). */
    private static final Set<String> GOLANG_MIGRATE_OPTIONS = Set.of("-path", "-source", "-database");

    private MigrationCommands() {}

    /**
     * The tool's migration, as a message names it ("Django's migrate"), when the words run one without a lock; empty
     * otherwise, and when {@code flock} runs it.
     */
    public static Optional<String> unlocked(List<String> words) {
        for (String word : words) {
            if (PathNames.fileName(word).equals("flock") || word.equals("--isolated") || word.startsWith("--isolated=")) {
                return Optional.empty();
            }
        }
        return of(words).filter(Migration::unlocked).map(Migration::tool);
    }

    /**
     * The migration the words apply, of any tool drydock knows: those of {@link #unlocked}, Rails' {@code db:migrate}
     * and {@code db:prepare}, Prisma's {@code migrate deploy} and {@code db push}, knex's {@code migrate:latest},
     * Ecto's {@code mix ecto.migrate}, goose's {@code up}, golang-migrate's {@code up}, Flyway's {@code migrate},
     * Liquibase's {@code update}, dbmate's {@code up} and {@code migrate}, EF Core's {@code dotnet ef database update},
     * sqlx's {@code migrate run} and Diesel's {@code migration run}. Empty for a dry run.
     */
    public static Optional<Migration> of(List<String> words) {
        if (words.stream().anyMatch(DRY_RUN::contains)) {
            return Optional.empty();
        }
        for (int i = 0; i < words.size(); i++) {
            Optional<Migration> found = at(PathNames.fileName(words.get(i)), words, i);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The migration of the program named {@code name} at word {@code i}, read from its arguments. */
    private static Optional<Migration> at(String name, List<String> words, int i) {
        List<String> args = words.subList(i + 1, words.size());
        List<String> rest = operands(args);
        String first = rest.isEmpty() ? "" : rest.get(0);
        String second = rest.size() > 1 ? rest.get(1) : "";
        if ((name.equals("manage.py") || name.startsWith("django-admin")) && first.equals("migrate")
                || name.equals("-m") && first.equals("django") && second.equals("migrate")) {
            return unlocked("Django's migrate");
        }
        if (name.equals("alembic") && rest.contains("upgrade")) {
            return unlocked("Alembic's upgrade");
        }
        if (name.equals("flask") && args.contains("db") && rest.contains("upgrade")) {
            return unlocked("Flask-Migrate's db upgrade (Alembic)");
        }
        if (name.equals("artisan") && first.equals("migrate")) {
            return args.stream().anyMatch(w -> w.equals("--isolated") || w.startsWith("--isolated="))
                    ? lockedOrUnchecked("Laravel's migrate --isolated") : unlocked("Laravel's migrate without --isolated");
        }
        if (name.startsWith("sequelize") && first.equals("db:migrate")) {
            return unlocked("Sequelize's db:migrate");
        }
        if (name.startsWith("typeorm") && rest.contains("migration:run")) {
            return unlocked("TypeORM's migration:run");
        }
        if ((name.equals("rails") || name.equals("rake")) && rest.stream().anyMatch(RAILS_TASKS::contains)) {
            return lockedOrUnchecked("Rails' " + rest.stream().filter(RAILS_TASKS::contains).findFirst().orElseThrow());
        }
        if (name.equals("prisma") && (first.equals("migrate") && second.equals("deploy")
                || first.equals("db") && second.equals("push"))) {
            return lockedOrUnchecked("Prisma's " + first + " " + second);
        }
        if (name.startsWith("knex") && first.equals("migrate:latest")) {
            return lockedOrUnchecked("knex's migrate:latest");
        }
        if (name.equals("mix") && first.equals("ecto.migrate")) {
            return lockedOrUnchecked("Ecto's ecto.migrate");
        }
        if (name.equals("goose") && rest.contains("up")) {
            return lockedOrUnchecked("goose's up");
        }
        if (name.equals("migrate") && rest.contains("up") && args.stream()
                .anyMatch(w -> GOLANG_MIGRATE_OPTIONS.contains(w.split("=", 2)[0].replaceFirst("^--", "-")))) {
            return lockedOrUnchecked("golang-migrate's up");
        }
        if (name.equals("flyway") && rest.contains("migrate")) {
            return lockedOrUnchecked("Flyway's migrate");
        }
        if (name.equals("liquibase") && rest.contains("update")) {
            return lockedOrUnchecked("Liquibase's update");
        }
        if (name.equals("dbmate") && (first.equals("up") || first.equals("migrate"))) {
            return lockedOrUnchecked("dbmate's " + first);
        }
        if (name.equals("dotnet") && first.equals("ef") && second.equals("database") && rest.contains("update")) {
            return lockedOrUnchecked("EF Core's database update");
        }
        if ((name.equals("sqlx") && first.equals("migrate") || name.equals("diesel") && first.equals("migration"))
                && second.equals("run")) {
            return lockedOrUnchecked(name.equals("sqlx") ? "sqlx's migrate run" : "Diesel's migration run");
        }
        return Optional.empty();
    }

    private static Optional<Migration> unlocked(String tool) {
        return Optional.of(new Migration(tool, true));
    }

    private static Optional<Migration> lockedOrUnchecked(String tool) {
        return Optional.of(new Migration(tool, false));
    }

    /** The words that are not options ({@code --noinput}, {@code -c alembic.ini} keeps {@code alembic.ini}). */
    private static List<String> operands(List<String> words) {
        return words.stream().filter(w -> !w.startsWith("-")).toList();
    }
}
