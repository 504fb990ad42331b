package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static dev.drydock.core.app.AppTesting.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SpringConfigTest {

    private static final String WEB = """
            <project><modelVersion>4.0.0</modelVersion><artifactId>%s</artifactId>
              <dependencies>
                <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency>
              </dependencies>
            </project>
            """;

    @Test
    void propertiesOverYamlInOneFolderAndTheConfigFolderOverBoth() {
        SpringConfig config = SpringConfig.read("", files(
                "src/main/resources/application.yml", "server:\n  port: 8000\n",
                "src/main/resources/application.properties", "server.port=8001\n",
                "src/main/resources/config/application.yaml", "server:\n  port: 8002\n"), Map.of());
        assertThat(config.setting("server.port")).hasValueSatisfying(s -> {
            assertThat(s.value()).isEqualTo("8002");
            assertThat(s.file()).isEqualTo("src/main/resources/config/application.yaml");
            assertThat(s.line()).isEqualTo(2);
        });
    }

    @Test
    void activeProfileFilesAndDocumentsOverrideTheDefaults() {
        SpringConfig config = SpringConfig.read("api", files(
                "api/src/main/resources/application.yml", """
                        server:
                          port: 8080
                        spring:
                          profiles:
                            active: docker
                        ---
                        spring.config.activate.on-profile: docker
                        management.endpoints.web.base-path: /ops
                        ---
                        spring:
                          config:
                            activate:
                              on-profile: local
                        server:
                          servlet:
                            context-path: /local
                        """,
                "api/src/main/resources/application-docker.properties", "server.port=9000\n"), Map.of());
        assertThat(config.profiles()).containsExactly("docker");
        assertThat(config.value("server.port")).contains("9000");
        assertThat(config.value("management.endpoints.web.base-path")).contains("/ops");
        assertThat(config.has("server.servlet.context-path")).isFalse();
        assertThat(config.mayBeSetElsewhere(Pattern.compile("context-path"))).isTrue();
    }

    @Test
    void theEnvironmentBindsWithRelaxedNamesAndChoosesTheProfile() {
        SpringConfig config = SpringConfig.read("", files(
                "src/main/resources/application.properties", "server.servlet.contextPath=/app\n",
                "src/main/resources/application-prod.properties", "management.server.port=9001\n",
                "src/main/resources/application-default.properties", "management.server.port=7001\n"),
                Map.of("SPRING_PROFILES_ACTIVE", "prod", "MANAGEMENT_ENDPOINTS_WEB_BASE_PATH", "/manage"));
        assertThat(config.value("server.servlet.context-path")).contains("/app");
        assertThat(config.value("management.server.port")).contains("9001");
        assertThat(config.value("management.endpoints.web.base-path")).contains("/manage");
    }

    @Test
    void theDefaultProfileAppliesWhenNoneIsActive() {
        SpringConfig config = SpringConfig.read("", files(
                "src/main/resources/application-default.properties", "server.port=7001\n"), Map.of());
        assertThat(config.profiles()).containsExactly("default");
        assertThat(config.value("server.port")).contains("7001");
    }

    @Test
    void aPlaceholderProfileAppliesNoProfileFile() {
        SpringConfig config = SpringConfig.read("", files(
                "src/main/resources/application-prod.properties", "server.port=9001\n"),
                Map.of("SPRING_PROFILES_ACTIVE", "${PROFILE}"));
        assertThat(config.profiles()).isEmpty();
        assertThat(config.has("server.port")).isFalse();
        assertThat(config.mayBeSetElsewhere(Pattern.compile("port"))).isTrue();
    }

    @Test
    void yamlListsAndMavenFilteredValuesAreRead() {
        SpringConfig config = SpringConfig.read("", files("src/main/resources/application.yml", """
                info:
                  version: @project.version@
                management:
                  endpoints:
                    web:
                      exposure:
                        include:
                          - health
                          - prometheus
                """), Map.of());
        assertThat(config.value("management.endpoints.web.exposure.include")).contains("health,prometheus");
        assertThat(config.value("info.version")).contains("@project.version@");
    }

    @Test
    void theModuleTheDockerfileBuildsIsChosen() {
        SourceSet files = files(
                "pom.xml", "<project><artifactId>shop</artifactId><modules><module>admin</module><module>api</module></modules></project>",
                "admin/pom.xml", WEB.formatted("shop-admin"),
                "api/pom.xml", WEB.formatted("shop-api"));
        List<dev.drydock.core.manifest.Manifest> manifests = List.of(manifest("pom.xml",
                "<project><artifactId>shop</artifactId><modules><module>admin</module></modules></project>"),
                manifest("admin/pom.xml", WEB.formatted("shop-admin")), manifest("api/pom.xml", WEB.formatted("shop-api")));
        assertThat(SpringModule.locate(manifests, List.of("/src/api"), "", files).dir()).isEqualTo("api");
        assertThat(SpringModule.locate(manifests, List.of(":shop-api"), "", files).dir()).isEqualTo("api");
        assertThat(SpringModule.locate(manifests, List.of("shop-admin"), "", files).dir()).isEqualTo("admin");
        assertThat(SpringModule.locate(manifests, List.of(), "", files).dir()).isEqualTo("admin");
    }

    @Test
    void groupsExpandEachActiveProfileAndALaterMemberWins() {
        SpringConfig config = SpringConfig.read("", files(
                "src/main/resources/application.yml", """
                        spring:
                          profiles:
                            active: production
                            group:
                              production:
                                - proddb
                                - prodweb
                        ---
                        spring.config.activate.on-profile: prodweb
                        server.servlet.context-path: /web
                        """,
                "src/main/resources/application-proddb.properties", "server.port=7000\n",
                "src/main/resources/application-prodweb.properties", "server.port=7001\n"), Map.of());
        assertThat(config.profiles()).containsExactly("production", "proddb", "prodweb");
        assertThat(config.value("server.port")).contains("7001");
        assertThat(config.value("server.servlet.context-path")).contains("/web");
    }

    @Test
    void includedProfilesComeBeforeTheActiveOnesSoTheActiveOnesWin() {
        SpringConfig config = SpringConfig.read("", files(
                "src/main/resources/application.properties", """
                        spring.profiles.include=common
                        spring.profiles.active=docker
                        """,
                "src/main/resources/application-common.properties", "server.port=7000\nserver.servlet.context-path=/c\n",
                "src/main/resources/application-docker.properties", "server.port=7001\n"), Map.of());
        assertThat(config.profiles()).containsExactly("common", "docker");
        assertThat(config.value("server.port")).contains("7001");
        assertThat(config.value("server.servlet.context-path")).contains("/c");
    }

    @Test
    void anIncludeAloneIsActiveSoTheDefaultProfileIsNot() {
        SpringConfig config = SpringConfig.read("", files(
                "src/main/resources/application.properties", "spring.profiles.include=metrics\n",
                "src/main/resources/application-default.properties", "server.port=7000\n"), Map.of());
        assertThat(config.profiles()).containsExactly("metrics");
        assertThat(config.has("server.port")).isFalse();
    }

    @Test
    void theDefaultProfilesApplyWhenNoneIsActiveAndTheEnvironmentWins() {
        String properties = """
                spring.profiles.default=local
                server.port=8000
                #---
                spring.config.activate.on-profile=local
                server.port=7000
                #---
                spring.config.activate.on-profile=docker
                server.port=9000
                """;
        SpringConfig local = SpringConfig.read("", files("src/main/resources/application.properties", properties),
                Map.of());
        assertThat(local.profiles()).containsExactly("local");
        assertThat(local.value("server.port")).contains("7000");
        SpringConfig docker = SpringConfig.read("", files("src/main/resources/application.properties", properties),
                Map.of("SPRING_PROFILES_ACTIVE", "docker"));
        assertThat(docker.profiles()).containsExactly("docker");
        assertThat(docker.value("server.port")).contains("9000");
    }

    @Test
    void profileKeysInAProfileSpecificDocumentAreIgnored() {
        SpringConfig config = SpringConfig.read("", files(
                "src/main/resources/application.yml", """
                        spring.profiles.active: docker
                        ---
                        spring.config.activate.on-profile: docker
                        spring.profiles.include: extra
                        """,
                "src/main/resources/application-extra.properties", "server.port=7000\n"), Map.of());
        assertThat(config.profiles()).containsExactly("docker");
        assertThat(config.has("server.port")).isFalse();
    }

    @Test
    void groupsFromTheEnvironmentAndPlaceholdersLeaveTheProfilesUnknown() {
        SpringConfig grouped = SpringConfig.read("", files("src/main/resources/application.properties", "a=b\n"),
                Map.of("SPRING_PROFILES_ACTIVE", "prod", "SPRING_PROFILES_GROUP_PROD", "db,web"));
        assertThat(grouped.profiles()).containsExactly("prod", "db", "web");
        SpringConfig placeholder = SpringConfig.read("", files("src/main/resources/application.properties",
                "spring.profiles.group.prod=${EXTRA}\n"), Map.of("SPRING_PROFILES_ACTIVE", "prod"));
        assertThat(placeholder.profilesKnown()).isFalse();
        assertThat(placeholder.profiles()).isEmpty();
        SpringConfig json = SpringConfig.read("", files("src/main/resources/application.properties", "a=b\n"),
                Map.of("SPRING_APPLICATION_JSON", "{\"spring\":{\"profiles\":{\"active\":\"x\"}}}"));
        assertThat(json.profilesKnown()).isFalse();
    }

    @Test
    void cyclicGroupsEndAndEachProfileCountsOnce() {
        SpringConfig config = SpringConfig.read("", files("src/main/resources/application.properties", """
                spring.profiles.active=a
                spring.profiles.group.a=b
                spring.profiles.group.b=a,c
                """), Map.of());
        assertThat(config.profiles()).containsExactly("a", "b", "c");
    }

    @Test
    void aProfileDocumentThatSetsAKeyIsToldWhenTheProfilesAreUnknown() {
        SpringConfig config = SpringConfig.read("", files("src/main/resources/application.properties", """
                server.port=8080
                #---
                spring.config.activate.on-profile=kubernetes
                server.port=9000
                """), Map.of("SPRING_PROFILES_ACTIVE", "${PROFILE}"));
        assertThat(config.profilesKnown()).isFalse();
        assertThat(config.setByInactiveDocument("server.port")).isTrue();
        assertThat(config.setByInactiveDocument("server.servlet.context-path")).isFalse();
    }
}
