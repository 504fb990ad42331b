package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Commands that apply a project's database migrations with a tool that takes no lock of its own, so that two copies
 * started at once both apply the same pending migrations: Django's {@code manage.py migrate} (and
 * {@code django-admin migrate}), Alembic's {@code upgrade} and Flask-Migrate's {@code flask db upgrade} (Alembic
 * underneath), Laravel's {@code artisan migrate} without {@code --isolated}, Sequelize's {@code db:migrate} and TypeORM's
 * {@code migration:run}. Tools that serialise concurrent runs themselves are not listed: Rails (an advisory lock, a
 * second run fails with ConcurrentMigrationError), Prisma's {@code migrate deploy} (an advisory lock), knex (its lock
 * table), Flyway and Liquibase (their lock or history table), and Laravel's {@code migrate --isolated}.
 */
public final class MigrationCommands {

    /** Options that make the command apply nothing: a check, a plan, or SQL printed for offline use. */
    private static final Set<String> DRY_RUN = Set.of("--check", "--plan", "--sql", "--pretend");

    private MigrationCommands() {}

    /**
     * The tool's migration, as a message names it ("Django's migrate"), when the words run one without a lock; empty
     * otherwise, and when {@code flock} runs it.
     */
    public static Optional<String> unlocked(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String name = PathNames.fileName(words.get(i));
            if (name.equals("flock") || words.get(i).equals("--isolated") || words.get(i).startsWith("--isolated=")
                    || DRY_RUN.contains(words.get(i))) {
                return Optional.empty();
            }
        }
        for (int i = 0; i < words.size(); i++) {
            String name = PathNames.fileName(words.get(i));
            List<String> rest = operands(words.subList(i + 1, words.size()));
            String first = rest.isEmpty() ? "" : rest.get(0);
            if ((name.equals("manage.py") || name.startsWith("django-admin")) && first.equals("migrate")
                    || name.equals("-m") && first.equals("django") && rest.size() > 1 && rest.get(1).equals("migrate")) {
                return Optional.of("Django's migrate");
            }
            if (name.equals("alembic") && rest.contains("upgrade")) {
                return Optional.of("Alembic's upgrade");
            }
            if (name.equals("flask") && words.subList(i + 1, words.size()).contains("db") && rest.contains("upgrade")) {
                return Optional.of("Flask-Migrate's db upgrade (Alembic)");
            }
            if (name.equals("artisan") && first.equals("migrate")) {
                return Optional.of("Laravel's migrate without --isolated");
            }
            if (name.startsWith("sequelize") && first.equals("db:migrate")) {
                return Optional.of("Sequelize's db:migrate");
            }
            if (name.startsWith("typeorm") && rest.contains("migration:run")) {
                return Optional.of("TypeORM's migration:run");
            }
        }
        return Optional.empty();
    }

    /** The words that are not options ({@code --noinput}, {@code -c alembic.ini} keeps {@code alembic.ini}). */
    private static List<String> operands(List<String> words) {
        return words.stream().filter(w -> !w.startsWith("-")).toList();
    }
}
