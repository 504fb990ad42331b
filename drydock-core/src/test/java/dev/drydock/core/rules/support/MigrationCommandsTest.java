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
}
