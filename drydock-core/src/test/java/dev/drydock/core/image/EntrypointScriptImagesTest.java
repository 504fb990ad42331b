package dev.drydock.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntrypointScriptImagesTest {

    private static EntrypointScriptImages script(String reference) {
        return EntrypointScriptImages.of(ImageReference.parse(reference)).orElseThrow();
    }

    @Test
    void optionsOnlyGetTheServerPutBefore() {
        assertThat(script("mysql:8.4").started(List.of("--character-set-server=utf8mb4")))
                .containsExactly("mysqld", "--character-set-server=utf8mb4");
        assertThat(script("postgres:16").started(List.of("-c", "shared_buffers=256MB")))
                .containsExactly("postgres", "-c", "shared_buffers=256MB");
        assertThat(script("mongo:7").started(List.of("--bind_ip_all"))).containsExactly("mongod", "--bind_ip_all");
    }

    @Test
    void redisAlsoTakesAConfigurationFile() {
        assertThat(script("redis:7").started(List.of("/usr/local/etc/redis/redis.conf")))
                .containsExactly("redis-server", "/usr/local/etc/redis/redis.conf");
        assertThat(script("postgres:16").started(List.of("/etc/postgresql.conf")))
                .containsExactly("/etc/postgresql.conf");
    }

    @Test
    void anotherProgramRunsAsItIs() {
        assertThat(script("postgres:16").started(List.of("bash"))).containsExactly("bash");
        assertThat(script("mariadb:11").started(List.of())).containsExactly("mariadbd");
        assertThat(script("mariadb:11").user()).isEqualTo("mysql");
    }

    @Test
    void onlyTheOfficialImages() {
        assertThat(EntrypointScriptImages.of(ImageReference.parse("bitnami/postgresql:16"))).isEmpty();
        assertThat(EntrypointScriptImages.of(ImageReference.parse("ghcr.io/acme/postgres:16"))).isEmpty();
        assertThat(EntrypointScriptImages.of(ImageReference.parse("docker.io/library/redis:7"))).isPresent();
    }
}
