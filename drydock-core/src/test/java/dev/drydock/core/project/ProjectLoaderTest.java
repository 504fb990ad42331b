package dev.drydock.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLoaderTest {

    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void unifyServiceIsLinkedToEverythingItBuildsAndRuns() {
        Project project = new ProjectLoader().load(SharedData.resolve("examples/unify"));
        Container app = project.container("unify-app").orElseThrow();
        assertThat(app.composeFile()).isEqualTo("docker-compose.yml");
        assertThat(app.build().dockerfile()).isEqualTo("Dockerfile");
        assertThat(app.build().context()).isEmpty();
        assertThat(app.build().dockerignore()).isEqualTo(".dockerignore");
        assertThat(app.manifests()).extracting(Manifest::file).containsExactly("requirements.txt");
        assertThat(app.entryFiles()).containsExactly("app.py");
        assertThat(app.command().argv()).containsExactly("python", "app.py");
        assertThat(app.command().shellForm()).isFalse();
        assertThat(app.command().cmdOrigin().file()).isEqualTo("Dockerfile");
        assertThat(app.command().cmdOrigin().line()).isEqualTo(44);
        assertThat(app.healthcheck().source()).isEqualTo("compose");
        assertThat(app.healthcheck().origin().file()).isEqualTo("docker-compose.yml");
        assertThat(app.healthcheck().origin().line()).isEqualTo(62);
        assertThat(app.healthcheck().argv()).containsExactly("curl", "-f", "http://localhost:5000/health");
        assertThat(app.user()).isNull();
        assertThat(project.hasErrors()).isFalse();
        assertThat(project.containers()).hasSize(1);
    }

    @Test
    void aTurborepoAppsCompiledEntryIsItsTypeScriptSource() throws IOException {
        write("turbo.json", "{}");
        write("package.json", "{\"private\": true, \"workspaces\": [\"apps/*\"]}");
        write("apps/api/package.json", "{\"name\": \"api\", \"scripts\": {\"build\": \"tsc\"}}");
        write("apps/api/tsconfig.json", "{\"extends\": \"../../tsconfig.base\", \"include\": [\"src\"]}");
        write("tsconfig.base.json", "{\"compilerOptions\": {\"outDir\": \"dist\"}}");
        write("apps/api/src/index.ts", "import { createServer } from './server';\ncreateServer().listen(3001);\n");
        write("apps/api/src/server.ts", "import express from 'express';\nexport const createServer = () => express();\n");
        write("apps/api/Dockerfile", """
                FROM node:22-alpine AS builder
                WORKDIR /app
                COPY . .
                RUN turbo prune api --docker

                FROM node:22-alpine AS installer
                WORKDIR /app
                COPY --from=builder /app/out/json/ .
                RUN yarn install
                COPY --from=builder /app/out/full/ .
                RUN yarn turbo run build --filter=api...

                FROM node:22-alpine
                WORKDIR /app
                COPY --from=installer /app .
                CMD node apps/api/dist/index.js
                """);
        write("compose.yaml", """
                services:
                  api:
                    build:
                      context: .
                      dockerfile: apps/api/Dockerfile
                """);
        Project project = new ProjectLoader().load(dir);
        assertThat(project.container("api").orElseThrow().entryFiles())
                .as("the extended config is relative to the base, which sits at the root: dist is the root's")
                .isEmpty();
        write("apps/api/tsconfig.json", "{\"compilerOptions\": {\"outDir\": \"dist\"}, \"include\": [\"src\"]}");
        project = new ProjectLoader().load(dir);
        assertThat(project.container("api").orElseThrow().entryFiles()).containsExactly("apps/api/src/index.ts");
    }

    @Test
    void anExtendedConfigsOutDirIsRelativeToIt() throws IOException {
        write("packages/config/tsconfig.node.json", "{\"compilerOptions\": {\"outDir\": \"../../apps/api/build\", \"rootDir\": \"../../apps/api/lib\"}}");
        write("apps/api/tsconfig.json", "{\"extends\": \"../../packages/config/tsconfig.node.json\"}");
        write("apps/api/lib/main.ts", "console.log('up');\n");
        write("Dockerfile", """
                FROM node:22-alpine AS build
                WORKDIR /app
                COPY . .
                RUN npm run build
                FROM node:22-alpine
                WORKDIR /app
                COPY --from=build /app/apps/api/build ./build
                CMD ["node", "build/main.js"]
                """);
        Project project = new ProjectLoader().load(dir);
        assertThat(project.containers().get(0).entryFiles()).containsExactly("apps/api/lib/main.ts");
    }

    @Test
    void withoutRootDirTheSourcesCommonFolderIsTheRoot() throws IOException {
        write("tsconfig.json", "{\"compilerOptions\": {\"outDir\": \"./dist\"}}");
        write("src/main.ts", "console.log('up');\n");
        write("src/app/app.module.ts", "export class AppModule {}\n");
        write("src/types.d.ts", "declare const x: number;\n");
        write(".dockerignore", "dist\nnode_modules\n");
        write("Dockerfile", """
                FROM node:22-alpine AS build
                WORKDIR /usr/src/app
                COPY . .
                RUN npm run build
                FROM node:22-alpine
                WORKDIR /usr/src/app
                COPY --from=build /usr/src/app/dist ./dist
                CMD ["node", "dist/main"]
                """);
        Project project = new ProjectLoader().load(dir);
        assertThat(project.containers().get(0).entryFiles()).containsExactly("src/main.ts");
    }

    @Test
    void aServiceBuildingTheDefaultDockerfileDoesNotFindALowerCaseDockerfileButDockerBuildDoes() throws IOException {
        write("dockerfile", "FROM python:3.12.7-slim\nCMD [\"python\", \"-m\", \"http.server\"]\n");
        write("compose.yaml", """
                services:
                  web:
                    build: .
                """);
        write("Makefile", "image:\n\tdocker build -t web .\n");
        Project project = new ProjectLoader().load(dir);
        assertThat(project.container("web").orElseThrow().build().model()).as("Compose on Linux names the file exactly").isNull();
        assertThat(project.hasErrors()).isTrue();
        assertThat(project.container("dockerfile").orElseThrow().build().origin().file())
                .as("docker build falls back to the lower-case name").isEqualTo("Makefile");
    }

    @Test
    void composeCommandEntrypointUserAndBuildArgsOverrideTheImage() throws IOException {
        write("web/Dockerfile", """
                ARG PY=3.11
                FROM python:${PY}-slim AS base
                WORKDIR /srv
                COPY . .
                USER app
                HEALTHCHECK CMD python -c "print(1)"
                CMD ["python", "main.py"]
                FROM base AS prod
                ENV APP_MODULE=web.wsgi:app
                """);
        write("web/web/wsgi.py", "app = None\n");
        write("web/requirements.txt", "gunicorn==23.0.0\n");
        write("compose.yaml", """
                services:
                  api:
                    build:
                      context: web
                      target: base
                      args:
                        PY: "3.12"
                    command: gunicorn -w 2 web.wsgi:app
                    user: "1000:1000"
                  cache:
                    image: redis:7
                """);
        Project project = new ProjectLoader().load(dir);
        Container api = project.container("api").orElseThrow();
        assertThat(api.build().dockerfile()).isEqualTo("web/Dockerfile");
        assertThat(api.build().context()).isEqualTo("web");
        assertThat(api.build().stage().name()).isEqualTo("base");
        assertThat(api.build().model().stages().get(0).base()).satisfies(b ->
                assertThat(b.toString()).contains("python:3.12-slim"));
        assertThat(api.command().argv()).containsExactly("gunicorn", "-w", "2", "web.wsgi:app");
        assertThat(api.command().cmdOrigin().file()).isEqualTo("compose.yaml");
        assertThat(api.entryPoint().option("workers")).isEqualTo("2");
        assertThat(api.entryFiles()).containsExactly("web/web/wsgi.py");
        assertThat(api.user().value()).isEqualTo("1000:1000");
        assertThat(api.healthcheck().source()).isEqualTo("dockerfile");
        assertThat(api.healthcheck().test()).containsExactly("CMD-SHELL", "python -c \"print(1)\"");
        assertThat(api.manifests()).extracting(Manifest::file).containsExactly("web/requirements.txt");
        Container cache = project.container("cache").orElseThrow();
        assertThat(cache.build()).isNull();
        assertThat(cache.image()).isEqualTo("redis:7");
        assertThat(project.containers()).extracting(Container::name).as("the last stage, prod, which no service builds,"
                + " is the image of the Dockerfile's own build").containsExactly("api", "cache", "web/Dockerfile");
        Container image = project.container("web/Dockerfile").orElseThrow();
        assertThat(image.build().stage().name()).isEqualTo("prod");
        assertThat(image.build().context()).as("the context the service builds it from").isEqualTo("web");
    }

    @Test
    void composeEntrypointResetsTheImageCommand() throws IOException {
        write("Dockerfile", "FROM node:22\nCMD [\"node\", \"server.js\"]\n");
        write("compose.yaml", "services:\n  web:\n    build: .\n    entrypoint: [\"npm\", \"start\"]\n");
        Container web = new ProjectLoader().load(dir).container("web").orElseThrow();
        assertThat(web.command().argv()).containsExactly("npm", "start");
        assertThat(web.command().cmd()).isEmpty();
    }

    @Test
    void aDockerfileWithoutComposeIsAContainerToo() throws IOException {
        write("Dockerfile", "FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nCMD python app.py\n");
        write("app.py", "print('hi')\n");
        write("build/other.Dockerfile", "FROM alpine\n");
        Project project = new ProjectLoader().load(dir);
        assertThat(project.containers()).extracting(Container::name).containsExactly("Dockerfile", "build/other.Dockerfile");
        Container main = project.containers().get(0);
        assertThat(main.command().shellForm()).isTrue();
        assertThat(main.command().argv()).containsExactly("/bin/sh", "-c", "python app.py");
        assertThat(main.command().script()).isEqualTo("python app.py");
        assertThat(main.entryFiles()).containsExactly("app.py");
        assertThat(main.build().dockerignore()).isNull();
    }

    @Test
    void aDockerfileInASubfolderIsBuiltFromTheFolderItsSourcesAreIn() throws IOException {
        write("docker/Dockerfile", "FROM ruby:3.3.5-slim\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\n"
                + "COPY docker/*.conf /etc/app/\nCOPY . .\nCMD [\"bin/rails\", \"server\"]\n");
        write("docker/app.conf", "listen 3000\n");
        write("Gemfile", "source \"https://rubygems.org\"\n");
        write("Gemfile.lock", "");
        write("tools/Dockerfile", "FROM alpine:3.20.3\nCOPY run.sh /run.sh\nCMD [\"/run.sh\"]\n");
        write("tools/run.sh", "#!/bin/sh\n");
        write("tools/only-dot/Dockerfile", "FROM alpine:3.20.3\nCOPY . /srv\n");
        Project project = new ProjectLoader().load(dir);
        assertThat(project.container("docker/Dockerfile").orElseThrow().build().context()).isEmpty();
        assertThat(project.container("tools/Dockerfile").orElseThrow().build().context()).isEqualTo("tools");
        assertThat(project.container("tools/only-dot/Dockerfile").orElseThrow().build().context())
                .isEqualTo("tools/only-dot");
    }

    @Test
    void aBrokenFileIsReportedAndTheRestIsRead() throws IOException {
        write("Dockerfile", "FROM alpine\nRUN echo ok\n");
        write("compose.yaml", "services:\n  web:\n    build: .\n  bad: [\n");
        write("package.json", "{ \"name\": ");
        Project project = new ProjectLoader().load(dir);
        assertThat(project.diagnostics()).filteredOn(d -> d.level() == Diagnostic.Level.ERROR)
                .extracting(Diagnostic::path).contains("compose.yaml", "package.json");
        assertThat(project.dockerfiles().get("Dockerfile").parsed()).isTrue();
        assertThat(project.containers()).extracting(Container::name).containsExactly("Dockerfile");
    }

    @Test
    void aDockerfileThatDoesNotParseIsReportedWithItsPosition() throws IOException {
        write("Dockerfile", "# only a comment\n");
        Project project = new ProjectLoader().load(dir);
        assertThat(project.hasErrors()).isTrue();
        assertThat(project.diagnostics()).anySatisfy(d -> assertThat(d.path()).isEqualTo("Dockerfile"));
        assertThat(project.dockerfiles().get("Dockerfile").parsed()).isFalse();
    }

    @Test
    void aMissingPathIsAnInputError() {
        assertThatThrownBy(() -> new ProjectLoader().load(dir.resolve("nope")))
                .isInstanceOf(SourceException.class).hasMessageContaining("no such file or directory");
    }

    @Test
    void aWorkspaceMemberDockerfileThatPrunesTheTurboWorkspaceIsBuiltFromTheWorkspaceRoot() throws IOException {
        write("apps/web/Dockerfile", """
                FROM node:22-alpine AS prune
                WORKDIR /app
                COPY . .
                RUN npx turbo@2 prune web --docker
                FROM node:22-alpine
                COPY --from=prune /app/out/json/ .
                """);
        write("apps/web/turbo.json", "{\"extends\": [\"//\"]}\n");
        write("apps/web/package.json", "{\"name\": \"web\"}\n");
        write("apps/docs/Dockerfile", "FROM node:22-alpine\nCOPY . .\nRUN npm ci\n");
        write("turbo.json", "{}\n");
        write("package.json", "{\"workspaces\": [\"apps/*\"]}\n");
        Project project = new ProjectLoader().load(dir);
        assertThat(project.container("apps/web/Dockerfile").orElseThrow().build().context())
                .as("turbo prune reads the whole monorepo, above the member's own turbo.json").isEmpty();
        assertThat(project.container("apps/docs/Dockerfile").orElseThrow().build().context())
                .as("no prune: its own folder").isEqualTo("apps/docs");
    }

    @Test
    void theShippedExampleIsReadWithoutErrors() {
        Path example = Path.of("").toAbsolutePath().getParent().resolve("examples/flask-notes");
        Project project = new ProjectLoader().load(example);
        assertThat(project.hasErrors()).as(project.diagnostics().toString()).isFalse();
        Container web = project.container("web").orElseThrow();
        assertThat(web.command().script()).isEqualTo("flask run --host=0.0.0.0 --port=8000");
        assertThat(web.entryFiles()).containsExactly("notes/web.py");
        assertThat(project.container("db").orElseThrow().image()).isEqualTo("postgres:16");
    }

    @Test
    void theLastStageIsAnImageOfItsOwnWhereComposeBuildsOnlyADevelopmentTarget() throws IOException {
        write("Dockerfile", """
                FROM node:22 AS base
                FROM base AS development
                CMD ["npx", "nodemon", "server.js"]
                FROM base AS production
                CMD ["node", "server.js"]
                FROM base AS test
                RUN npm test
                """);
        write("compose.yaml", "services:\n  web:\n    build:\n      context: .\n      target: development\n"
                + "  prod:\n    build:\n      context: .\n      target: production\n");
        Project project = new ProjectLoader().load(dir);
        assertThat(project.containers()).extracting(Container::name)
                .as("the last stage is a test stage: the services' stages are the images").containsExactly("web", "prod");
        write("compose.yaml", "services:\n  web:\n    build: .\n");
        write("Dockerfile", "FROM node:22 AS development\nCMD [\"npx\", \"nodemon\"]\nFROM node:22\nCMD [\"node\", \"s.js\"]\n");
        assertThat(new ProjectLoader().load(dir).containers()).extracting(Container::name)
                .as("the service builds the last stage: no second container for it").containsExactly("web");
    }

    @Test
    void aServiceWhoseTargetStageIsMissingBuildsNoStage() throws IOException {
        write("Dockerfile", "FROM node:22 AS builder\nRUN npm run build\nFROM nginx:1.27.3-alpine\n");
        write("compose.yaml", "services:\n  web:\n    build: .\n");
        write("compose.override.yaml", "services:\n  web:\n    build:\n      target: development\n"
                + "    command: npm run dev\n");
        Project project = new ProjectLoader().load(dir);
        Container web = project.containers().stream().filter(c -> c.name().equals("web")).findFirst().orElseThrow();
        assertThat(web.build().stage()).as("compose stops at the missing stage: no stage is the image").isNull();
        assertThat(project.diagnostics()).extracting(d -> d.message())
                .contains("target stage \"development\" could not be found in Dockerfile");
    }

    @Test
    void kamalBuildsTheTargetItsBuilderNames() throws IOException {
        write("Dockerfile", """
                FROM ruby:3.3 AS base
                FROM base AS development
                CMD ["bin/dev"]
                FROM base AS production
                CMD ["bin/rails", "server"]
                FROM base AS assets
                RUN bin/rails assets:precompile
                """);
        write("config/deploy.yml", "service: app\nimage: acme/app\nservers:\n  web:\n    - 10.0.0.1\n"
                + "builder:\n  arch: amd64\n  target: production\n");
        write("compose.yaml", "services:\n  web:\n    build:\n      context: .\n      target: development\n");
        Project project = new ProjectLoader().load(dir);
        Container image = project.container("Dockerfile").orElseThrow();
        assertThat(image.build().stage().name()).isEqualTo("production");
        assertThat(image.build().origin().toString()).isEqualTo("config/deploy.yml:6:1");
    }

    @Test
    void aLoneDockerfileIsBuiltWithTheContextAndTargetItsCiDeclares() throws IOException {
        write("deploy/Dockerfile", """
                FROM python:3.12-slim AS prod
                COPY app.py /srv/
                CMD ["python", "/srv/app.py"]
                FROM prod AS test
                RUN echo tests
                """);
        write("deploy/app.py", "print(1)\n");
        write("app.py", "print(2)\n");
        write(".github/workflows/image.yml", """
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: docker build -f deploy/Dockerfile --target prod -t app .
                """);
        Project project = new ProjectLoader().load(dir);
        Container lone = project.container("deploy/Dockerfile").orElseThrow();
        assertThat(lone.build().context()).as("the CI's context, though deploy/ holds app.py too").isEmpty();
        assertThat(lone.build().target()).isEqualTo("prod");
        assertThat(lone.build().stage().name()).isEqualTo("prod");
        assertThat(lone.build().origin().toString()).isEqualTo(".github/workflows/image.yml:6:14");
    }

    @Test
    void aBuildFileThatRestatesTheWholeStackIsAProjectOfItsOwn() throws IOException {
        write("Dockerfile", "FROM node:22.12.0-slim\nUSER node\nCMD [\"node\", \"main.js\"]\n");
        write("docker-compose.yml", """
                services:
                  app:
                    image: ghcr.io/acme/ledger:2.1.0
                    init: true
                    cap_drop: [ALL]
                    security_opt: [no-new-privileges:true]
                    restart: unless-stopped
                    env_file: .env
                    ports: ["3333:3333"]
                    depends_on:
                      db:
                        condition: service_healthy
                  db:
                    image: postgres:17.2
                    restart: unless-stopped
                    cap_drop: [ALL]
                    security_opt: [no-new-privileges:true]
                    env_file: .env
                    volumes: [pgdata:/var/lib/postgresql/data]
                volumes:
                  pgdata:
                """);
        write("docker-compose.build.yml", """
                services:
                  app:
                    build: .
                    env_file: .env
                    ports: ["3333:3333"]
                  db:
                    image: postgres:17.2
                    env_file: .env
                    volumes: [pgdata:/var/lib/postgresql/data]
                volumes:
                  pgdata:
                """);
        write(".env", "POSTGRES_PASSWORD=\n");
        Project project = new ProjectLoader().load(dir);
        assertThat(project.composeProjects()).hasSize(2);
        assertThat(project.composeVariants()).isEmpty();
    }

    @Test
    void anOverlayThatBuildsTheApplicationStaysAVariant() throws IOException {
        write("Dockerfile", "FROM node:22.12.0-slim\nUSER node\nCMD [\"node\", \"main.js\"]\n");
        write("docker-compose.yml", """
                services:
                  app:
                    image: ghcr.io/acme/ledger:2.1.0
                    restart: unless-stopped
                  db:
                    image: postgres:17.2
                """);
        write("docker-compose.build.yml", "services:\n  app:\n    build: .\n");
        Project project = new ProjectLoader().load(dir);
        assertThat(project.composeVariants()).hasSize(1);
    }

    @Test
    void aServicePullingAnImageTheProjectBuildsIsLinkedToItsDockerfile() throws IOException {
        write("Dockerfile", "FROM python:3.12.7-slim\nUSER 10001\nCMD [\"python\", \"-m\", \"http.server\"]\n");
        write("worker/Dockerfile", "FROM python:3.12.7-slim\nCMD [\"python\", \"-m\", \"worker\"]\n");
        write("compose.yaml", """
                services:
                  web:
                    build: .
                    image: acme/shop:dev
                  worker:
                    image: acme/shop
                    command: ["python", "-m", "worker"]
                """);
        write("deploy/compose.prod.yaml", """
                services:
                  jobs:
                    image: ghcr.io/acme/jobs:1.4.2
                  db:
                    image: postgres:17.2
                """);
        write(".github/workflows/release.yml", """
                jobs:
                  image:
                    steps:
                      - id: meta
                        uses: docker/metadata-action@v5
                        with:
                          images: ghcr.io/${{ github.repository_owner }}/jobs
                      - uses: docker/build-push-action@v6
                        with:
                          context: worker
                          tags: ${{ steps.meta.outputs.tags }}
                """);
        Project project = new ProjectLoader().load(dir);
        assertThat(project.container("worker").orElseThrow().build().dockerfile()).isEqualTo("Dockerfile");
        assertThat(project.container("worker").orElseThrow().user().value()).isEqualTo("10001");
        Container jobs = project.container("jobs").orElseThrow();
        assertThat(jobs.build().dockerfile()).isEqualTo("worker/Dockerfile");
        assertThat(jobs.build().origin().file()).isEqualTo(".github/workflows/release.yml");
        assertThat(project.container("db").orElseThrow().build()).isNull();
        assertThat(project.containers()).extracting(Container::name).doesNotContain("worker/Dockerfile", "Dockerfile");
    }

    @Test
    void theLinkOfAPulledImageSaysWhatTiesItToTheDockerfile() throws IOException {
        write("Dockerfile", "FROM python:3.12.7-slim\nCMD [\"python\", \"-m\", \"http.server\"]\n");
        write("compose.yaml", "services:\n  web:\n    image: acme/shop:1.2\n  db:\n    image: postgres:17.2\n");
        write(".github/workflows/release.yml", """
                jobs:
                  image:
                    steps:
                      - run: docker build -t acme/shop:${{ github.ref_name }} .
                """);
        Project project = new ProjectLoader().load(dir);
        ImageLink link = project.container("web").orElseThrow().imageLink();
        assertThat(link.evidence()).isEqualTo(ImageLink.Evidence.CI_BUILD);
        assertThat(link.describe("Dockerfile"))
                .isEqualTo("compose runs it as acme/shop:1.2, which .github/workflows/release.yml builds from Dockerfile");
        assertThat(project.container("db").orElseThrow().imageLink()).isNull();
    }

    @Test
    void anImageNamedAfterTheProjectFolderIsItsOnlyDockerfilesImage() throws IOException {
        Path shop = dir.resolve("shop");
        Files.createDirectories(shop);
        Files.writeString(shop.resolve("Dockerfile"), "FROM node:22.11.0-slim\nEXPOSE 3000\nCMD [\"node\", \"server.js\"]\n");
        Files.writeString(shop.resolve("compose.yaml"), """
                services:
                  shop:
                    image: ghcr.io/acme/shop:latest
                    user: "1000"
                  other:
                    image: ghcr.io/acme/shop-worker:latest
                  db:
                    image: postgres:17.2
                """);
        Project project = new ProjectLoader().load(shop);
        Container linked = project.container("shop").orElseThrow();
        assertThat(linked.build().dockerfile()).isEqualTo("Dockerfile");
        assertThat(linked.imageLink().evidence()).isEqualTo(ImageLink.Evidence.PROJECT_NAME);
        assertThat(project.container("other").orElseThrow().build()).isNull();
        assertThat(project.container("db").orElseThrow().build()).isNull();
    }

    @Test
    void noFolderNameLinksAnOfficialImageAnImageTheDockerfileExtendsOrOneOfSeveralDockerfiles() throws IOException {
        Path postgres = dir.resolve("postgres");
        Files.createDirectories(postgres);
        Files.writeString(postgres.resolve("Dockerfile"), "FROM postgres:17.2\nCOPY init.sql /docker-entrypoint-initdb.d/\n");
        Files.writeString(postgres.resolve("compose.yaml"), "services:\n  db:\n    image: postgres:17.2\n");
        assertThat(new ProjectLoader().load(postgres).container("db").orElseThrow().build()).isNull();

        Path n8n = dir.resolve("n8n");
        Files.createDirectories(n8n);
        Files.writeString(n8n.resolve("Dockerfile"), "FROM n8nio/n8n:1.70.0\nEXPOSE 5678\n");
        Files.writeString(n8n.resolve("compose.yaml"), "services:\n  n8n:\n    image: n8nio/n8n:1.70.0\n");
        assertThat(new ProjectLoader().load(n8n).container("n8n").orElseThrow().build()).isNull();

        Path app = dir.resolve("app");
        Files.createDirectories(app.resolve("worker"));
        Files.writeString(app.resolve("Dockerfile"), "FROM python:3.12.7-slim\nCMD [\"python\", \"app.py\"]\n");
        Files.writeString(app.resolve("worker/Dockerfile"), "FROM python:3.12.7-slim\nCMD [\"python\", \"w.py\"]\n");
        Files.writeString(app.resolve("compose.yaml"), "services:\n  app:\n    image: acme/app:2\n");
        assertThat(new ProjectLoader().load(app).container("app").orElseThrow().build()).isNull();
    }

    @Test
    void composeFileInTheDotEnvNamesTheFilesComposeLoads() throws IOException {
        write(".env", "COMPOSE_FILE=compose.base.yaml;compose.live.yaml\nCOMPOSE_PATH_SEPARATOR=;\n");
        write("compose.base.yaml", "services:\n  web:\n    image: nginx:1.27.3\n");
        write("compose.live.yaml", "services:\n  web:\n    restart: unless-stopped\n");
        Project project = new ProjectLoader().load(dir);
        assertThat(project.composeProjects()).singleElement().satisfies(c -> assertThat(c.files())
                .extracting(f -> f.displayPath()).containsExactly("compose.base.yaml", "compose.live.yaml"));
        assertThat(project.container("web").orElseThrow().service().restart()).isNotNull();
    }

    @Test
    void composeFileNamingAMissingFileLeavesTheDefaultFiles() throws IOException {
        write(".env", "COMPOSE_FILE=compose.yaml:compose.missing.yaml\n");
        write("compose.yaml", "services:\n  web:\n    image: nginx:1.27.3\n");
        Project project = new ProjectLoader().load(dir);
        assertThat(project.composeProjects()).singleElement().satisfies(c -> assertThat(c.files())
                .extracting(f -> f.displayPath()).containsExactly("compose.yaml"));
    }

    @Test
    void kubernetesContainersAreLinkedToTheDockerfileThatBuildsTheirImageWhereTheNameLeavesNoDoubt() throws IOException {
        write("api/Dockerfile", "FROM python:3.12.7-slim\nCMD [\"python\", \"-m\", \"http.server\"]\n");
        write("web/Dockerfile", "FROM nginx:1.27.3\n");
        write("Dockerfile.admin", "FROM python:3.12.7-slim\nCMD [\"python\", \"-m\", \"admin\"]\n");
        write("k8s/app.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: shop
                spec:
                  template:
                    spec:
                      containers:
                        - name: api
                          image: registry.example.com/shop/api:2.1
                        - name: web
                          image: web
                        - name: admin
                          image: ghcr.io/acme/admin@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                        - name: cache
                          image: redis:7.4.1
                        - name: templated
                          image: $(IMAGE)
                """);
        write("k8s/README.yaml", "title: not a manifest\n");
        Project project = new ProjectLoader().load(dir);
        assertThat(project.hasErrors()).isFalse();
        assertThat(project.kubernetesWorkloads()).hasSize(1);
        assertThat(project.kubernetesWorkloads().get(0).containers())
                .extracting(c -> c.name() + "=" + c.dockerfile())
                .containsExactly("api=api/Dockerfile", "web=web/Dockerfile", "admin=Dockerfile.admin", "cache=null",
                        "templated=null");
    }

    @Test
    void aFileChainedAfterAComposeFileIsReadAsComposeNotAsAManifest() throws IOException {
        write("Dockerfile", "FROM python:3.12.7-slim\nCMD [\"python\", \"-m\", \"http.server\"]\n");
        write("compose.yaml", "services:\n  web:\n    build: .\n");
        write("deploy/production.yml", "services:\n  web:\n    restart: always\n");
        write("Makefile", "up:\n\tdocker compose -f compose.yaml -f deploy/production.yml up -d\n");
        Project project = new ProjectLoader().load(dir);
        assertThat(project.layout().entry("deploy/production.yml").orElseThrow().type())
                .isEqualTo(dev.drydock.core.discovery.FileType.COMPOSE_VARIANT);
    }
}
