package dev.drydock.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceFile;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RailsDatabaseConfigTest {

    private static final String RAILS_8 = """
            default: &default
              adapter: sqlite3
              pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>
              timeout: 5000

            development:
              <<: *default
              database: storage/development.sqlite3

            production:
              primary:
                <<: *default
                database: storage/production.sqlite3
              cache:
                <<: *default
                database: storage/production_cache.sqlite3
                migrations_paths: db/cache_migrate
            """;

    private static Optional<RailsDatabaseConfig.Primary> primary(String yml, String environment,
            Map<String, String> values, Set<String> hidden) {
        return RailsDatabaseConfig.primary(SourceFile.of("config/database.yml", yml), environment,
                new RailsDatabaseConfig.Environment() {
                    @Override
                    public String value(String name) {
                        return values.get(name);
                    }

                    @Override
                    public boolean hidden(String name) {
                        return hidden.contains(name);
                    }
                });
    }

    @Test
    void thePrimaryOfSeveralDatabasesWithItsMergeKey() {
        RailsDatabaseConfig.Primary p = primary(RAILS_8, "production", Map.of(), Set.of()).orElseThrow();
        assertThat(p.name()).isEqualTo("primary");
        assertThat(p.adapter().text()).isEqualTo("sqlite3");
        assertThat(p.database().text()).isEqualTo("storage/production.sqlite3");
        assertThat(p.database().line()).isEqualTo(13);
        RailsDatabaseConfig.Primary dev = primary(RAILS_8, "development", Map.of(), Set.of()).orElseThrow();
        assertThat(dev.database().text()).isEqualTo("storage/development.sqlite3");
        assertThat(primary(RAILS_8, "staging", Map.of(), Set.of())).isEmpty();
    }

    @Test
    void erbReadsOfTheEnvironment() {
        String yml = """
                production:
                  adapter: sqlite3
                  database: <%= ENV.fetch("DATABASE_PATH") { "storage/production.sqlite3" } %>
                """;
        assertThat(primary(yml, "production", Map.of(), Set.of()).orElseThrow().database().text())
                .isEqualTo("storage/production.sqlite3");
        assertThat(primary(yml, "production", Map.of("DATABASE_PATH", "/data/app.sqlite3"), Set.of()).orElseThrow()
                .database().text()).isEqualTo("/data/app.sqlite3");
        assertThat(primary(yml, "production", Map.of(), Set.of("DATABASE_PATH")).orElseThrow().database().text())
                .isNull();
        String fetchWithout = yml.replace("{ \"storage/production.sqlite3\" }", "");
        assertThat(primary(fetchWithout, "production", Map.of(), Set.of()).orElseThrow().database().text()).isNull();
        String orDefault = yml.replace("ENV.fetch(\"DATABASE_PATH\") { \"storage/production.sqlite3\" }",
                "ENV['DATABASE_PATH'] || 'db/x.sqlite3'");
        assertThat(primary(orDefault, "production", Map.of(), Set.of()).orElseThrow().database().text())
                .isEqualTo("db/x.sqlite3");
    }

    @Test
    void erbCodeOtherThanOutputIsNotRead() {
        String yml = """
                production:
                <% if ENV["PG"] %>
                  adapter: postgresql
                <% else %>
                  adapter: sqlite3
                <% end %>
                  database: storage/production.sqlite3
                """;
        assertThat(primary(yml, "production", Map.of(), Set.of())).isEmpty();
    }
}
