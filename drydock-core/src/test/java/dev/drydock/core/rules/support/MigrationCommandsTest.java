package dev.drydock.core.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationCommandsTest {

    private static String tool(String command) {
        return MigrationCommands.unlocked(List.of(command.split(" "))).orElse(null);
    }

    @Test
    void namesTheToolsThatTakeNoLock() {
        assertThat(tool("python manage.py migrate --noinput")).isEqualTo("Django's migrate");
        assertThat(tool("poetry run python -m django migrate")).isEqualTo("Django's migrate");
        assertThat(tool("alembic -c alembic.ini upgrade head")).isEqualTo("Alembic's upgrade");
        assertThat(tool("flask --app shop db upgrade")).isEqualTo("Flask-Migrate's db upgrade (Alembic)");
        assertThat(tool("php artisan migrate --force")).isEqualTo("Laravel's migrate without --isolated");
        assertThat(tool("npx sequelize-cli db:migrate")).isEqualTo("Sequelize's db:migrate");
        assertThat(tool("npx typeorm migration:run -d dist/data-source.js")).isEqualTo("TypeORM's migration:run");
    }

    @Test
    void leavesOutLockedRunsDryRunsAndToolsThatLockThemselves() {
        assertThat(tool("php artisan migrate --force --isolated")).isNull();
        assertThat(tool("flock /shared/lock python manage.py migrate")).isNull();
        assertThat(tool("python manage.py migrate --check")).isNull();
        assertThat(tool("alembic upgrade head --sql")).isNull();
        assertThat(tool("bin/rails db:migrate")).isNull();
        assertThat(tool("npx prisma migrate deploy")).isNull();
        assertThat(tool("npx knex migrate:latest")).isNull();
        assertThat(tool("flyway migrate")).isNull();
        assertThat(tool("python manage.py collectstatic --noinput")).isNull();
    }

    private static String anyTool(String command) {
        return MigrationCommands.of(List.of(command.split(" "))).map(MigrationCommands.Migration::tool).orElse(null);
    }

    @Test
    void namesEveryToolThatMigrates() {
        assertThat(anyTool("python manage.py migrate --noinput")).isEqualTo("Django's migrate");
        assertThat(anyTool("bin/rails db:prepare")).isEqualTo("Rails' db:prepare");
        assertThat(anyTool("bundle exec rake db:create db:migrate")).isEqualTo("Rails' db:migrate");
        assertThat(anyTool("npx prisma migrate deploy")).isEqualTo("Prisma's migrate deploy");
        assertThat(anyTool("npx knex migrate:latest --knexfile knexfile.js")).isEqualTo("knex's migrate:latest");
        assertThat(anyTool("php artisan migrate --force --isolated")).isEqualTo("Laravel's migrate --isolated");
        assertThat(anyTool("mix ecto.migrate")).isEqualTo("Ecto's ecto.migrate");
        assertThat(anyTool("goose -dir migrations postgres $DATABASE_URL up")).isEqualTo("goose's up");
        assertThat(anyTool("migrate -path /migrations -database $DATABASE_URL up")).isEqualTo("golang-migrate's up");
        assertThat(anyTool("flyway -url=jdbc:postgresql://db/app migrate")).isEqualTo("Flyway's migrate");
        assertThat(anyTool("liquibase --changelog-file=changelog.xml update")).isEqualTo("Liquibase's update");
        assertThat(anyTool("dotnet ef database update")).isEqualTo("EF Core's database update");
    }

    @Test
    void leavesOutDryRunsAndOtherCommands() {
        assertThat(anyTool("python manage.py migrate --plan")).isNull();
        assertThat(anyTool("python manage.py runserver 0.0.0.0:8000")).isNull();
        assertThat(anyTool("bin/rails server -b 0.0.0.0")).isNull();
        assertThat(anyTool("npx prisma generate")).isNull();
        assertThat(anyTool("flyway info")).isNull();
    }
}
