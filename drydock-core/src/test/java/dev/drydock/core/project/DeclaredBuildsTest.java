package dev.drydock.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeclaredBuildsTest {

    private static final Set<String> DIRS = Set.of("docker", "web", "services/api");
    private static final Set<String> FILES = Set.of("Dockerfile", "docker/Dockerfile", "docker/Dockerfile.prod",
            "web/Dockerfile", "services/api/Dockerfile");

    private static List<DeclaredBuild> read(String path, String text) {
        return DeclaredBuilds.read(SourceFile.of(path, text), "", DIRS::contains, FILES::contains);
    }

    @Test
    void aDockerBuildLineGivesItsFileContextTargetAndLiteralArguments() {
        List<DeclaredBuild> builds = read("Makefile", """
                image:
                \tdocker build -t app:$(VERSION) -f docker/Dockerfile.prod --target runtime --tag=acme/app \\
                \t\t--build-arg PY=3.12 --build-arg REV=$(GIT_SHA) .
                """);
        assertThat(builds).singleElement().satisfies(b -> {
            assertThat(b.dockerfile()).isEqualTo("docker/Dockerfile.prod");
            assertThat(b.context()).isEmpty();
            assertThat(b.target()).isEqualTo("runtime");
            assertThat(b.args()).isEqualTo(Map.of("PY", "3.12"));
            assertThat(b.tags()).containsExactly("app:$(VERSION)", "acme/app");
            assertThat(b.origin().toString()).isEqualTo("Makefile:2:2");
        });
    }

    @Test
    void everyArgumentIsKeptWithItsValueAsWrittenAndWhereItsNameIs() {
        List<DeclaredBuild> builds = read(".github/workflows/image.yml", """
                jobs:
                  image:
                    steps:
                      - run: docker build --build-arg TOKEN=${{ secrets.TOKEN }} --build-arg HOME_DIR --build-arg A=1 .
                      - uses: docker/build-push-action@v6
                        with:
                          build-args: |
                            REV=${{ github.sha }}
                            MODE=prod
                """);
        assertThat(builds).hasSize(2);
        assertThat(builds.get(0).arguments()).extracting(BuildArgument::name, BuildArgument::value,
                        a -> a.origin().toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("TOKEN", "${{secrets.TOKEN}}", ".github/workflows/image.yml:4:39"),
                        org.assertj.core.groups.Tuple.tuple("HOME_DIR", "$HOME_DIR", ".github/workflows/image.yml:4:78"),
                        org.assertj.core.groups.Tuple.tuple("A", "1", ".github/workflows/image.yml:4:99"));
        assertThat(builds.get(0).args()).isEqualTo(Map.of("A", "1"));
        assertThat(builds.get(1).arguments()).extracting(BuildArgument::name, a -> a.origin().line())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("REV", 8), org.assertj.core.groups.Tuple.tuple("MODE", 9));
        assertThat(builds.get(1).args()).isEqualTo(Map.of("MODE", "prod"));
    }

    @Test
    void buildxPodmanAndTheContextAsOnlyOperandAreRead() {
        assertThat(read("build.sh", "docker buildx build --platform linux/amd64,linux/arm64 --push -t x web\n"))
                .extracting(DeclaredBuild::dockerfile, DeclaredBuild::context)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web/Dockerfile", "web"));
        assertThat(read("build.sh", "podman build --file=docker/Dockerfile --layers .\n"))
                .extracting(DeclaredBuild::dockerfile).containsExactly("docker/Dockerfile");
    }

    @Test
    void aCdBeforeTheBuildMovesItsFolder() {
        assertThat(read("build.sh", "cd services/api && docker build -t api .\n"))
                .extracting(DeclaredBuild::dockerfile, DeclaredBuild::context)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("services/api/Dockerfile", "services/api"));
    }

    @Test
    void aGitlabScriptItemWrittenOverSeveralLinesIsOneCommandRunAfterTheItemsCd() {
        List<DeclaredBuild> builds = read(".gitlab-ci.yml", """
                build-web:
                  script:
                    - cd web
                    - docker build
                      --build-arg REV="$CI_COMMIT_SHA"
                      --file ./Dockerfile
                      --tag $IMAGE .
                    - docker push $IMAGE
                build-root:
                  script:
                    - docker build -t root .
                """);
        assertThat(builds).extracting(DeclaredBuild::dockerfile, DeclaredBuild::context)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web/Dockerfile", "web"),
                        org.assertj.core.groups.Tuple.tuple("Dockerfile", ""));
        assertThat(builds.get(0).arguments()).extracting(BuildArgument::name).containsExactly("REV");
    }

    @Test
    void aFoldedBlockScalarJoinsTheKanikoCommandsLines() {
        List<DeclaredBuild> builds = read(".gitlab-ci.yml", """
                image:
                  script:
                    - mkdir -p /kaniko/.docker
                    - >-
                      /kaniko/executor
                      --context "${CI_PROJECT_DIR}/docker"
                      --dockerfile "${CI_PROJECT_DIR}/docker/Dockerfile.prod"
                      --destination "$CI_REGISTRY_IMAGE:latest"
                """);
        assertThat(builds).singleElement().satisfies(b -> {
            assertThat(b.dockerfile()).isEqualTo("docker/Dockerfile.prod");
            assertThat(b.context()).isEqualTo("docker");
            assertThat(b.tags()).containsExactly("$CI_REGISTRY_IMAGE:latest");
        });
    }

    @Test
    void aCdLineEarlierInARunBlockMovesTheBuildButALiteralBlockDoesNotFoldLines() {
        List<DeclaredBuild> builds = read(".github/workflows/image.yml", """
                jobs:
                  image:
                    steps:
                      - run: |
                          cd services/api
                          docker build -t api .
                          echo done
                      - run: |
                          cd $SOMEWHERE
                          docker build -t other .
                """);
        assertThat(builds).singleElement().satisfies(b -> {
            assertThat(b.dockerfile()).isEqualTo("services/api/Dockerfile");
            assertThat(b.context()).isEqualTo("services/api");
            assertThat(b.tags()).containsExactly("api");
        });
    }

    @Test
    void aJobsOrTheWorkflowsDefaultWorkingDirectoryIsWhereItsRunStepsBuild() {
        List<DeclaredBuild> builds = read(".github/workflows/image.yml", """
                defaults:
                  run:
                    working-directory: docker
                jobs:
                  web:
                    defaults:
                      run:
                        working-directory: web
                    steps:
                      - run: docker build -t web .
                      - run: docker build -t root .
                        working-directory: .
                  other:
                    steps:
                      - run: docker build -t docker .
                """);
        assertThat(builds).extracting(DeclaredBuild::dockerfile, DeclaredBuild::context)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web/Dockerfile", "web"),
                        org.assertj.core.groups.Tuple.tuple("Dockerfile", ""),
                        org.assertj.core.groups.Tuple.tuple("docker/Dockerfile", "docker"));
    }

    @Test
    void aLocalCompositeActionsStepsBuildFromTheirWorkingDirectory() {
        List<DeclaredBuild> builds = read(".github/actions/image/action.yml", """
                name: Build the web image
                runs:
                  using: composite
                  steps:
                    - run: docker build -t web .
                      shell: bash
                      working-directory: web
                    - uses: docker/build-push-action@v6
                      with:
                        context: docker
                """);
        assertThat(builds).extracting(DeclaredBuild::dockerfile, DeclaredBuild::context)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web/Dockerfile", "web"),
                        org.assertj.core.groups.Tuple.tuple("docker/Dockerfile", "docker"));
    }

    @Test
    void workspaceVariablesNameTheRootAndOtherVariablesAreLeftOut() {
        assertThat(read(".gitlab-ci.yml", """
                build:
                  script:
                    - /kaniko/executor --context "${CI_PROJECT_DIR}" --dockerfile "${CI_PROJECT_DIR}/docker/Dockerfile" --destination x
                    - docker build -f $DOCKERFILE .
                    - "docker build -f docker/Dockerfile ${CONTEXT_DIR}"
                """)).extracting(DeclaredBuild::dockerfile, DeclaredBuild::context)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("docker/Dockerfile", ""));
    }

    @Test
    void githubExpressionsWithBlanksStayOneWord() {
        assertThat(read(".github/workflows/ci.yml", """
                jobs:
                  image:
                    steps:
                      - run: docker build --file ${{ github.workspace }}/docker/Dockerfile -t shop:${{ github.sha }} .
                """)).singleElement().satisfies(b -> {
                    assertThat(b.dockerfile()).isEqualTo("docker/Dockerfile");
                    assertThat(b.tags()).containsExactly("shop:${{github.sha}}");
                });
    }

    @Test
    void aQuotedCommandInJsonOrYamlEndsAtItsQuote() {
        assertThat(read("package.json", """
                { "scripts": { "docker": "docker build -f docker/Dockerfile -t app .", "x": "y" } }
                """)).extracting(DeclaredBuild::dockerfile, DeclaredBuild::context)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("docker/Dockerfile", ""));
    }

    @Test
    void buildPushActionStepsGiveContextFileAndTarget() {
        List<DeclaredBuild> builds = read(".github/workflows/release.yml", """
                jobs:
                  image:
                    steps:
                      - uses: actions/checkout@v4
                      - name: Build
                        uses: docker/build-push-action@v6
                        with:
                          context: .
                          file: ./docker/Dockerfile  # the product image
                          target: "production"
                          push: true
                      - uses: docker/build-push-action@v6
                        with:
                          context: web
                      - run: echo done
                """);
        assertThat(builds).extracting(DeclaredBuild::dockerfile, DeclaredBuild::context, DeclaredBuild::target)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("docker/Dockerfile", "", "production"),
                        org.assertj.core.groups.Tuple.tuple("web/Dockerfile", "web", null));
        assertThat(builds.get(0).origin().line()).isEqualTo(6);
        assertThat(builds.get(0).tags()).isEmpty();
    }

    @Test
    void aWorkflowStepsWorkingDirectoryIsWhereItsCommandsRun() {
        assertThat(read(".github/workflows/ci.yml", """
                jobs:
                  api:
                    steps:
                      - name: Build the API image
                        working-directory: services/api
                        run: |
                          docker build -t api .
                      - working-directory: ${{ matrix.dir }}
                        run: docker build -t other .
                """)).extracting(DeclaredBuild::dockerfile, DeclaredBuild::context)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("services/api/Dockerfile", "services/api"));
    }

    @Test
    void whatIsNotInTheProjectIsNotABuild() {
        assertThat(read("ci.sh", """
                docker build -f other/Dockerfile .
                docker build https://github.com/org/repo.git
                docker build - < Dockerfile
                docker build ../elsewhere
                docker-compose build
                docker image ls
                """)).isEmpty();
    }

    @Test
    void theChoiceTakesTheCommonContextThenTheLastStageOrAProductTarget() {
        Origin at = new Origin("Makefile", null);
        DeclaredBuild test = new DeclaredBuild("Dockerfile", "", "test", Map.of(), List.of(), at);
        DeclaredBuild release = new DeclaredBuild("Dockerfile", "", "release", Map.of(), List.of(), at);
        DeclaredBuild plain = new DeclaredBuild("Dockerfile", "", null, Map.of(), List.of(), at);
        assertThat(DeclaredBuildChoice.byDockerfile(List.of(test, release), p -> null)).containsEntry("Dockerfile", release);
        assertThat(DeclaredBuildChoice.byDockerfile(List.of(test, release, plain), p -> null)).containsEntry("Dockerfile", plain);
        assertThat(DeclaredBuildChoice.byDockerfile(List.of(test), p -> null)).containsEntry("Dockerfile", test);
    }

    @Test
    void eachBuildTellsWhetherItPushesItsImageOrExportsFiles() {
        List<DeclaredBuild> builds = read(".github/workflows/image.yml", """
                jobs:
                  image:
                    steps:
                      - run: docker buildx build --target builder --output type=local,dest=dist .
                      - run: docker build -o bin --target builder .
                      - run: docker buildx build --push -t ghcr.io/acme/app .
                      - run: docker buildx build --output=type=image,push=true -t ghcr.io/acme/app .
                      - run: docker build -t app .
                      - uses: docker/build-push-action@v6
                        with:
                          push: true
                      - uses: docker/build-push-action@v6
                        with:
                          outputs: type=tar,dest=app.tar
                """);
        assertThat(builds).extracting(DeclaredBuild::output).containsExactly(BuildOutput.FILES, BuildOutput.FILES,
                BuildOutput.SHIPPED, BuildOutput.SHIPPED, BuildOutput.IMAGE, BuildOutput.SHIPPED, BuildOutput.FILES);
    }

    @Test
    void eachBuildCarriesTheToolThatRunsIt() {
        List<DeclaredBuild> builds = read(".github/workflows/image.yml", """
                jobs:
                  image:
                    steps:
                      - run: docker buildx build -f docker/Dockerfile .
                      - run: podman build web
                      - run: buildah bud -f docker/Dockerfile.prod docker
                      - run: /kaniko/executor --context dir://web --dockerfile web/Dockerfile
                      - uses: docker/build-push-action@v6
                """);
        assertThat(builds).extracting(DeclaredBuild::tool).containsExactly(BuildTool.DOCKER_CLI, BuildTool.PODMAN,
                BuildTool.BUILDAH, BuildTool.KANIKO, BuildTool.BUILD_PUSH_ACTION);
    }

    @Test
    void aKanikoScriptWithRedirectedOutputKeepsItsBuildArguments() {
        List<DeclaredBuild> builds = read("build.sh", """
                build() {
                  /kaniko/executor \\
                    --build-arg CI_JOB_TOKEN=$CI_JOB_TOKEN \\
                    --cache=true \\
                    --context "$CI_PROJECT_DIR" \\
                    --dockerfile "$CI_PROJECT_DIR/docker/Dockerfile" \\
                    --no-push \\
                    --no-push-cache \\
                    --skip-unused-stages 2>&1
                }
                """);
        assertThat(builds).singleElement().satisfies(b -> {
            assertThat(b.dockerfile()).isEqualTo("docker/Dockerfile");
            assertThat(b.arguments()).extracting(BuildArgument::name).containsExactly("CI_JOB_TOKEN");
        });
    }

    @Test
    void jenkinsDockerBuildRunsDockerBuildWithItsArgumentsInTheEnclosingDir() {
        List<DeclaredBuild> builds = read("Jenkinsfile", """
                pipeline {
                  stages {
                    stage('image') {
                      steps {
                        script {
                          docker.build("acme/app:${env.BUILD_ID}")
                          dir('web') {
                            docker.build("acme/web", "--build-arg TOKEN=${env.TOKEN} -f Dockerfile .")
                          }
                          dir("services/api") {
                            sh 'docker build -t acme/api .'
                          }
                        }
                      }
                    }
                  }
                }
                """);
        assertThat(builds).extracting(DeclaredBuild::dockerfile, DeclaredBuild::tool).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("Dockerfile", BuildTool.JENKINS_DOCKER_BUILD),
                org.assertj.core.groups.Tuple.tuple("web/Dockerfile", BuildTool.JENKINS_DOCKER_BUILD),
                org.assertj.core.groups.Tuple.tuple("services/api/Dockerfile", BuildTool.DOCKER_CLI));
        DeclaredBuild web = builds.stream().filter(b -> b.context().equals("web")).findFirst().orElseThrow();
        assertThat(web.tags()).containsExactly("acme/web");
        assertThat(web.arguments()).extracting(BuildArgument::name, BuildArgument::value, a -> a.origin().toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("TOKEN", "${env.TOKEN}", "Jenkinsfile:8:51"));
    }

    @Test
    void labelsOnACommandLineAreReadInBothSpellings() {
        List<DeclaredBuild> builds = read("build.sh", """
                podman build --label org.opencontainers.image.source=https://example.com/app \\
                  --label=maintainer="ops team" --label "$EXTRA" -t app .
                """);
        assertThat(builds).singleElement().satisfies(b -> {
            assertThat(b.labels().values()).containsExactly(
                    Map.entry("org.opencontainers.image.source", "https://example.com/app"),
                    Map.entry("maintainer", "ops team"));
            assertThat(b.labels().metadataAction()).isFalse();
            assertThat(b.labels().oci()).isTrue();
        });
    }

    @Test
    void aBuildPushActionTakesItsLabelsAndThoseOfAMetadataActionStep() {
        List<DeclaredBuild> builds = read(".github/workflows/image.yml", """
                jobs:
                  image:
                    steps:
                      - name: meta
                        id: docker_meta
                        uses: docker/metadata-action@v5
                        with:
                          images: ghcr.io/acme/app
                      - id: other
                        run: echo "labels=x=y" >> "$GITHUB_OUTPUT"
                      - uses: docker/build-push-action@v6
                        with:
                          labels: |
                            ${{ steps.docker_meta.outputs.labels }}
                            team=core
                      - uses: docker/build-push-action@v6
                        with:
                          labels: ${{ steps.other.outputs.labels }}
                      - uses: docker/build-push-action@v6
                        with:
                          context: web
                """);
        assertThat(builds).hasSize(3);
        assertThat(builds.get(0).labels()).isEqualTo(new BuildLabels(Map.of("team", "core"), true));
        assertThat(builds.get(0).labels().oci()).isTrue();
        assertThat(builds.get(1).labels()).isEqualTo(BuildLabels.NONE);
        assertThat(builds.get(1).labels().oci()).isFalse();
        assertThat(builds.get(2).labels().isEmpty()).isTrue();
    }

    @Test
    void aLabellingBuildWhoseDockerfileCannotBeToldIsKeptAsUnplaced() {
        List<Origin> unplaced = new java.util.ArrayList<>();
        List<DeclaredBuild> builds = DeclaredBuilds.read(SourceFile.of(".github/workflows/images.yml", """
                jobs:
                  image:
                    steps:
                      - run: docker build --label org.opencontainers.image.source=x ${{ matrix.dir }}
                      - run: docker build ${{ matrix.dir }}
                """), "", DIRS::contains, FILES::contains, unplaced);
        assertThat(builds).isEmpty();
        assertThat(unplaced).extracting(Origin::toString).containsExactly(".github/workflows/images.yml:4:14");
    }

    private static List<DeclaredBuild> withUnplaced(String text, List<Origin> unplaced) {
        return DeclaredBuilds.read(SourceFile.of(".github/workflows/images.yml", text), "", DIRS::contains,
                FILES::contains, unplaced);
    }

    @Test
    void aListMatrixGivesOneBuildACombinationAtTheStep() {
        List<Origin> unplaced = new java.util.ArrayList<>();
        List<DeclaredBuild> builds = withUnplaced("""
                jobs:
                  images:
                    runs-on: ubuntu-latest
                    strategy:
                      matrix:
                        service: [web, docker, mobile]
                        os: [ubuntu-latest, windows-latest]
                    steps:
                      - uses: docker/build-push-action@v6
                        with:
                          context: ${{ matrix.service }}
                          file: ${{matrix.service}}/Dockerfile
                          build-args: VERSION=${{ github.sha }}
                          tags: ghcr.io/acme/${{ matrix.service }}:latest
                          labels: org.opencontainers.image.source=x
                """, unplaced);
        assertThat(builds).extracting(DeclaredBuild::dockerfile, DeclaredBuild::context)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web/Dockerfile", "web"),
                        org.assertj.core.groups.Tuple.tuple("docker/Dockerfile", "docker"));
        assertThat(builds).allSatisfy(b -> assertThat(b.origin().toString()).isEqualTo(".github/workflows/images.yml:9:7"));
        assertThat(builds.get(1).tags()).containsExactly("ghcr.io/acme/docker:latest");
        assertThat(builds.get(0).arguments()).extracting(BuildArgument::name).containsExactly("VERSION");
        assertThat(unplaced).extracting(Origin::toString).containsExactly(".github/workflows/images.yml:9:7");
    }

    @Test
    void anIncludeOnlyMatrixGivesItsEntriesAndAnExcludeRemovesCombinations() {
        assertThat(read(".github/workflows/images.yml", """
                jobs:
                  images:
                    strategy:
                      matrix:
                        include:
                          - dir: web
                          - dir: services/api
                            dockerfile: services/api/Dockerfile
                    steps:
                      - uses: docker/build-push-action@v6
                        with:
                          context: ${{ matrix.dir }}
                          file: ${{ matrix.dockerfile }}
                """)).extracting(DeclaredBuild::dockerfile).containsExactly("services/api/Dockerfile");
        assertThat(read(".github/workflows/images.yml", """
                jobs:
                  images:
                    strategy:
                      matrix:
                        dir: [web, docker]
                        flavour: [Dockerfile, Dockerfile.prod]
                        exclude:
                          - dir: web
                            flavour: Dockerfile.prod
                        include:
                          - dir: docker
                            target: runtime
                    steps:
                      - uses: docker/build-push-action@v6
                        with:
                          context: ${{ matrix.dir }}
                          file: ${{ matrix.dir }}/${{ matrix.flavour }}
                          target: ${{ matrix.target }}
                """)).extracting(DeclaredBuild::dockerfile, DeclaredBuild::target)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web/Dockerfile", null),
                        org.assertj.core.groups.Tuple.tuple("docker/Dockerfile", "runtime"),
                        org.assertj.core.groups.Tuple.tuple("docker/Dockerfile.prod", "runtime"));
    }

    @Test
    void aMatrixGivenByAnExpressionOrTooLargeIsLeftUnexpanded() {
        List<Origin> unplaced = new java.util.ArrayList<>();
        assertThat(withUnplaced("""
                jobs:
                  images:
                    strategy:
                      matrix:
                        dir: ${{ fromJSON(needs.plan.outputs.dirs) }}
                    steps:
                      - run: docker build --label org.opencontainers.image.title=x ${{ matrix.dir }}
                  nested:
                    strategy:
                      matrix:
                        dir: [[web], [docker]]
                    steps:
                      - run: docker build ${{ matrix.dir }}
                  large:
                    strategy:
                      matrix:
                        dir: [web, docker, a, b, c, d, e, f, g]
                        n: [1, 2, 3, 4, 5, 6, 7, 8]
                    steps:
                      - run: docker build ${{ matrix.dir }}
                """, unplaced)).isEmpty();
        assertThat(unplaced).extracting(Origin::toString).containsExactly(".github/workflows/images.yml:7:14");
    }

    @Test
    void aRunStepsDockerBuildIsExpandedPerCombination() {
        List<DeclaredBuild> builds = read(".github/workflows/images.yml", """
                jobs:
                  images:
                    strategy:
                      matrix:
                        dir: [web, services/api]
                        py: ["3.12"]
                    steps:
                      - run: |
                          docker build --build-arg PY=${{ matrix.py }} -t acme/${{ matrix.dir }} ${{ matrix.dir }}
                      - run: docker build -f docker/Dockerfile .
                """);
        assertThat(builds).extracting(DeclaredBuild::dockerfile, DeclaredBuild::args)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web/Dockerfile", Map.of("PY", "3.12")),
                        org.assertj.core.groups.Tuple.tuple("services/api/Dockerfile", Map.of("PY", "3.12")),
                        org.assertj.core.groups.Tuple.tuple("docker/Dockerfile", Map.of()));
        assertThat(builds.get(1).tags()).containsExactly("acme/services/api");
        assertThat(builds.get(0).origin()).isEqualTo(builds.get(1).origin());
    }

    @Test
    void theIndexFormOfAMatrixReferenceAndAMatrixWorkingDirectoryAreExpanded() {
        List<DeclaredBuild> builds = read(".github/workflows/images.yml", """
                jobs:
                  images:
                    strategy:
                      matrix:
                        service-dir: [web, services/api]
                    steps:
                      - uses: docker/build-push-action@v6
                        with:
                          context: ${{ matrix['service-dir'] }}
                      - working-directory: ${{ matrix.service-dir }}
                        run: docker build -t x-${{ matrix['service-dir'] }} .
                """);
        assertThat(builds).extracting(DeclaredBuild::dockerfile, DeclaredBuild::context)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web/Dockerfile", "web"),
                        org.assertj.core.groups.Tuple.tuple("services/api/Dockerfile", "services/api"),
                        org.assertj.core.groups.Tuple.tuple("web/Dockerfile", "web"),
                        org.assertj.core.groups.Tuple.tuple("services/api/Dockerfile", "services/api"));
        assertThat(builds.get(0).tags()).containsExactly("x-web");
    }

    private static final String REUSABLE = """
            on:
              workflow_call:
                inputs:
                  context:
                    type: string
                    default: .
                  dockerfile:
                    type: string
                    default: Dockerfile
            jobs:
              image:
                runs-on: ubuntu-latest
                steps:
                  - uses: docker/build-push-action@v6
                    with:
                      context: ${{ inputs.context }}
                      file: ${{ inputs.dockerfile }}
                  - run: docker build -f ${{ inputs['dockerfile'] }} ${{ inputs.context }}
                    working-directory: .
            """;

    @Test
    void aReusableWorkflowBuildsWithTheValuesEachCallerPassesOrItsDefaults() {
        SourceFile called = SourceFile.of(".github/workflows/build.yml", REUSABLE);
        SourceFile caller = SourceFile.of(".github/workflows/ci.yml", """
                on: push
                jobs:
                  web:
                    uses: ./.github/workflows/build.yml
                    with:
                      context: web
                      dockerfile: web/Dockerfile
                  root:
                    uses: ./.github/workflows/build.yml
                  other:
                    uses: ./.github/workflows/build.yml
                    with:
                      context: ${{ matrix.dir }}
                """);
        WorkflowCalls calls = WorkflowCalls.of(List.of(caller, called));
        List<DeclaredBuild> builds = DeclaredBuilds.read(called, "", DIRS::contains, FILES::contains,
                new java.util.ArrayList<>(), calls);
        assertThat(builds).extracting(DeclaredBuild::dockerfile, DeclaredBuild::context)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web/Dockerfile", "web"),
                        org.assertj.core.groups.Tuple.tuple("Dockerfile", ""),
                        org.assertj.core.groups.Tuple.tuple("web/Dockerfile", "web"),
                        org.assertj.core.groups.Tuple.tuple("Dockerfile", ""));
    }

    @Test
    void aReusableWorkflowNoneOfTheProjectCallsBuildsWithItsDefaults() {
        SourceFile called = SourceFile.of(".github/workflows/build.yml", REUSABLE);
        assertThat(DeclaredBuilds.read(called, "", DIRS::contains, FILES::contains, new java.util.ArrayList<>(),
                WorkflowCalls.of(List.of(called))))
                .extracting(DeclaredBuild::dockerfile).containsExactly("Dockerfile", "Dockerfile");
    }

    @Test
    void aGitlabJobsScriptRunsWhereItsBeforeScriptOrThePipelinesDefaultOneMovedTo() {
        List<DeclaredBuild> builds = read(".gitlab-ci.yml", """
                default:
                  before_script:
                    - echo "$CI_REGISTRY_PASSWORD" | docker login -u "$CI_REGISTRY_USER" --password-stdin
                    - cd web
                web:
                  script:
                    - docker build -t web .
                api:
                  before_script:
                    - cd services
                    - cd api
                  script: docker build -t api .
                docker:
                  before_script: []
                  script:
                    - docker build -t tools -f Dockerfile.prod .
                """);
        assertThat(builds).extracting(DeclaredBuild::dockerfile)
                .containsExactly("web/Dockerfile", "services/api/Dockerfile");
        assertThat(read(".gitlab-ci.yml", """
                before_script:
                  - cd docker
                image:
                  script:
                    - docker build -f Dockerfile.prod .
                """)).extracting(DeclaredBuild::dockerfile).containsExactly("docker/Dockerfile.prod");
    }

    @Test
    void aManuallyRunWorkflowBuildsWithTheDefaultsOfItsInputs() {
        SourceFile workflow = SourceFile.of(".github/workflows/image.yml", """
                on:
                  workflow_dispatch:
                    inputs:
                      dockerfile:
                        default: docker/Dockerfile.prod
                      context:
                        type: string
                        default: docker
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - run: docker build -f ${{ github.event.inputs.dockerfile }} ${{ inputs.context }}
                """);
        assertThat(read(workflow.path(), workflow.text())).extracting(DeclaredBuild::dockerfile, DeclaredBuild::context)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("docker/Dockerfile.prod", "docker"));
    }

    @Test
    void aCallerPassingItsMatrixBuildsTheCalledWorkflowOnceACombination() {
        SourceFile called = SourceFile.of(".github/workflows/build.yml", REUSABLE);
        SourceFile caller = SourceFile.of(".github/workflows/ci.yml", """
                on: push
                jobs:
                  images:
                    strategy:
                      matrix:
                        dir: [web, docker]
                    uses: ./.github/workflows/build.yml
                    with:
                      context: ${{ matrix.dir }}
                      dockerfile: ${{ matrix['dir'] }}/Dockerfile
                """);
        List<DeclaredBuild> builds = DeclaredBuilds.read(called, "", DIRS::contains, FILES::contains,
                new java.util.ArrayList<>(), WorkflowCalls.of(List.of(caller, called)));
        assertThat(builds).extracting(DeclaredBuild::dockerfile, DeclaredBuild::context)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web/Dockerfile", "web"),
                        org.assertj.core.groups.Tuple.tuple("docker/Dockerfile", "docker"),
                        org.assertj.core.groups.Tuple.tuple("web/Dockerfile", "web"),
                        org.assertj.core.groups.Tuple.tuple("docker/Dockerfile", "docker"));
    }

    @Test
    void literalEnvVariablesOfTheStepJobOrWorkflowArePutInTheMostSpecificWinning() {
        List<DeclaredBuild> builds = read(".github/workflows/image.yml", """
                env:
                  DOCKERFILE: Dockerfile
                  CONTEXT: .
                jobs:
                  image:
                    env:
                      DOCKERFILE: docker/Dockerfile.prod
                    steps:
                      - uses: docker/build-push-action@v6
                        with:
                          context: ${{ env.CONTEXT }}
                          file: ${{env.DOCKERFILE}}
                      - name: web
                        env:
                          CONTEXT: web
                          DOCKERFILE: "web/Dockerfile"
                        run: docker build -f "$DOCKERFILE" ${CONTEXT}
                      - run: docker build -f ${{ env.DOCKERFILE }} $CONTEXT
                  other:
                    steps:
                      - run: docker build -f $DOCKERFILE docker
                """);
        assertThat(builds).extracting(DeclaredBuild::dockerfile, DeclaredBuild::context, b -> b.origin().line())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("docker/Dockerfile.prod", "", 9),
                        org.assertj.core.groups.Tuple.tuple("web/Dockerfile", "web", 17),
                        org.assertj.core.groups.Tuple.tuple("docker/Dockerfile.prod", "", 18),
                        org.assertj.core.groups.Tuple.tuple("Dockerfile", "docker", 21));
    }

    @Test
    void envVariablesSetByExpressionsOrAssignedInAScriptStayUnknown() {
        List<DeclaredBuild> builds = read(".github/workflows/image.yml", """
                env:
                  DOCKERFILE: Dockerfile
                  CONTEXT: web
                jobs:
                  image:
                    steps:
                      - env:
                          DOCKERFILE: ${{ vars.DOCKERFILE }}
                        run: docker build -f $DOCKERFILE .
                      - uses: docker/build-push-action@v6
                        with:
                          file: ${{ env.DOCKERFILE }}
                        env:
                          DOCKERFILE: ${{ secrets.FILE }}
                      - run: |
                          CONTEXT=docker
                          docker build $CONTEXT
                      - run: docker build '$HOME' $UNSET
                """);
        assertThat(builds).isEmpty();
    }
}
