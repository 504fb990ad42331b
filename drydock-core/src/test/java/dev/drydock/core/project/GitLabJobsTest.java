package dev.drydock.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GitLabJobsTest {

    private static final Set<String> DIRS = Set.of("docker", "web", "services", "services/api");
    private static final Set<String> FILES = Set.of("Dockerfile", "docker/Dockerfile", "docker/Dockerfile.prod",
            "web/Dockerfile", "services/api/Dockerfile", "services/Dockerfile.worker");

    private static List<DeclaredBuild> read(SourceFile file, SourceFile... pipeline) {
        List<SourceFile> files = new ArrayList<>(List.of(pipeline));
        if (files.isEmpty()) {
            files.add(file);
        }
        return DeclaredBuilds.read(file, "", DIRS::contains, FILES::contains, new ArrayList<>(), WorkflowCalls.NONE,
                GitLabJobs.of(files));
    }

    private static List<DeclaredBuild> read(String text) {
        return read(SourceFile.of(".gitlab-ci.yml", text));
    }

    @Test
    void aTemplatesBuildRunsOnceForEachJobThatExtendsItWithThatJobsVariables() {
        List<DeclaredBuild> builds = read("""
                variables:
                  DOCKERFILE: Dockerfile
                  IMAGE: $CI_REGISTRY_IMAGE/app
                .build:
                  variables:
                    CONTEXT: .
                  script:
                    - docker build -f $DOCKERFILE -t $IMAGE:$CI_COMMIT_SHA $CONTEXT
                app:
                  extends: .build
                web:
                  extends: [.build]
                  variables:
                    DOCKERFILE: web/Dockerfile
                    CONTEXT: web
                    IMAGE: registry.example.com/web
                """);
        assertThat(builds).extracting(DeclaredBuild::dockerfile, DeclaredBuild::context, DeclaredBuild::tags)
                .containsExactly(tuple("Dockerfile", "", List.of("$CI_REGISTRY_IMAGE/app:$CI_COMMIT_SHA")),
                        tuple("web/Dockerfile", "web", List.of("registry.example.com/web:$CI_COMMIT_SHA")));
        assertThat(builds).extracting(b -> b.origin().toString()).containsOnly(".gitlab-ci.yml:8:7");
    }

    @Test
    void aParallelMatrixRunsTheBuildOnceForEachCombination() {
        List<DeclaredBuild> builds = read("""
                variables:
                  REGISTRY: registry.example.com
                build:
                  parallel:
                    matrix:
                      - SERVICE: [web, services/api]
                        KIND: Dockerfile
                      - SERVICE: services
                        KIND: [Dockerfile.worker, Dockerfile.missing]
                  script:
                    - /kaniko/executor --context $CI_PROJECT_DIR/$SERVICE --dockerfile $CI_PROJECT_DIR/$SERVICE/$KIND --destination $REGISTRY/$SERVICE
                """);
        assertThat(builds).extracting(DeclaredBuild::dockerfile, DeclaredBuild::tags)
                .containsExactly(tuple("web/Dockerfile", List.of("registry.example.com/web")),
                        tuple("services/api/Dockerfile", List.of("registry.example.com/services/api")),
                        tuple("services/Dockerfile.worker", List.of("registry.example.com/services")));
    }

    @Test
    void aHiddenJobBuildsNothingAndAJobWithItsOwnScriptDoesNotRunTheTemplates() {
        assertThat(read("""
                .build:
                  script:
                    - docker build -f docker/Dockerfile .
                tests:
                  extends: .build
                  script:
                    - make test
                """)).isEmpty();
    }

    @Test
    void templatesExtendingTemplatesMergeVariablesAndTheLastExtendedWins() {
        List<DeclaredBuild> builds = read("""
                .base:
                  variables:
                    DIR: docker
                    FILE: Dockerfile
                  before_script:
                    - cd services
                  script:
                    - docker build -f $DIR/$FILE $DIR
                .prod:
                  extends: .base
                  variables:
                    FILE: Dockerfile.prod
                  before_script: []
                .other:
                  script:
                    - echo nothing
                release:
                  extends: [.other, .prod]
                worker:
                  extends: .base
                  variables:
                    DIR: .
                    FILE: Dockerfile.worker
                """);
        assertThat(builds).extracting(DeclaredBuild::dockerfile, DeclaredBuild::context)
                .containsExactly(tuple("docker/Dockerfile.prod", "docker"),
                        tuple("services/Dockerfile.worker", "services"));
    }

    @Test
    void anInheritedOrDefaultBeforeScriptMovesTheScriptAndInheritCanRefuseIt() {
        List<DeclaredBuild> builds = read("""
                default:
                  before_script:
                    - cd web
                .in-services:
                  before_script:
                    - cd services
                    - cd api
                api:
                  extends: .in-services
                  script: docker build -t api .
                web:
                  script: docker build -t web .
                root:
                  inherit:
                    default: false
                  script: docker build -t root .
                """);
        assertThat(builds).extracting(DeclaredBuild::dockerfile)
                .containsExactly("services/api/Dockerfile", "web/Dockerfile", "Dockerfile");
    }

    @Test
    void yamlMergeKeysAliasesAndReferencesShareAScript() {
        List<DeclaredBuild> builds = read("""
                .scripts:
                  build: &build
                    - docker build -f $FILE .
                .template: &template
                  variables:
                    FILE: Dockerfile
                  script: *build
                merged:
                  <<: *template
                  variables:
                    FILE: docker/Dockerfile.prod
                nested:
                  variables:
                    FILE: web/Dockerfile
                  script:
                    - echo start
                    - *build
                referenced:
                  variables:
                    FILE: docker/Dockerfile
                  script:
                    - !reference [.scripts, build]
                """);
        assertThat(builds).extracting(DeclaredBuild::dockerfile)
                .containsExactly("docker/Dockerfile.prod", "web/Dockerfile", "docker/Dockerfile");
    }

    @Test
    void aTemplateOfAnIncludedFileBuildsForTheJobsOfTheFileThatIncludesIt() {
        SourceFile root = SourceFile.of(".gitlab-ci.yml", """
                include:
                  - local: ci/templates.yml
                web:
                  extends: .image
                  variables:
                    DIR: web
                """);
        SourceFile templates = SourceFile.of("ci/templates.yml", """
                .image:
                  script:
                    - docker build $DIR
                """);
        assertThat(read(templates, root, templates)).extracting(DeclaredBuild::dockerfile)
                .containsExactly("web/Dockerfile");
        assertThat(read(root, root, templates)).isEmpty();
    }

    @Test
    void aFileWithoutTemplatesReadsAsWritten() {
        assertThat(read("""
                build:
                  script:
                    - docker build -t web web
                """)).extracting(DeclaredBuild::dockerfile).containsExactly("web/Dockerfile");
    }

    @Test
    void extendsThatLoopOrFanOutEndWithoutReadingForeverAndDeeperThanGitLabAllowsBuildNothing() {
        StringBuilder text = new StringBuilder(".t0:\n  script:\n    - docker build web\n  extends: .t20\n");
        for (int n = 1; n <= 20; n++) {
            text.append(".t").append(n).append(":\n  extends: [.t").append(n - 1).append(", .t").append(n - 1)
                    .append(", .t").append(n - 1).append("]\n");
        }
        text.append("job:\n  extends: .t20\n");
        assertThat(read(text.toString())).isEmpty();
    }

    @Test
    void anEscapedDollarIsAPlainDollarAndARawVariableKeepsItsReferences() {
        List<DeclaredBuild> builds = read("""
                variables:
                  DIR: docker
                  TAG: "registry.example.com/app:$$DIR-$DIR"
                  RAW:
                    value: $DIR
                    expand: false
                  FILE: $DIR/Dockerfile.prod
                  NESTED: $RAW
                app:
                  script:
                    - docker build -t $TAG -f $FILE $DIR
                raw:
                  script:
                    - docker build -t raw $RAW
                nested:
                  script:
                    - docker build -t nested $NESTED
                pid:
                  script:
                    - docker build -t pid $$DIR
                """);
        assertThat(builds).extracting(DeclaredBuild::dockerfile, DeclaredBuild::context, DeclaredBuild::tags)
                .containsExactly(tuple("docker/Dockerfile.prod", "docker", List.of("registry.example.com/app:$DIR-docker")));
    }
}
