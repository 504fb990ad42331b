package dev.drydock.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.syntax.DockerfileParser;
import dev.drydock.core.entrypoint.ContextPaths;
import dev.drydock.core.source.SourceFile;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImagePathsTest {

    private static final Set<String> FOLDERS = Set.of("", "apps", "apps/api", "apps/api/src", "packages", "rel", "rel/overlays");

    private static ContextPaths lastStage(String dockerfile) {
        DockerfileModel model = DockerfileModel.of(DockerfileParser.parse(SourceFile.of("Dockerfile", dockerfile)));
        return ImagePaths.of(model, model.targetStage().orElseThrow(), FOLDERS::contains);
    }

    @Test
    void turboWithDockerLayoutLeadsBackToTheWorkspace() {
        ContextPaths paths = lastStage("""
                FROM node:22-alpine AS builder
                WORKDIR /app
                RUN yarn global add turbo
                COPY . .
                RUN turbo prune --scope=api --docker

                FROM node:22-alpine AS installer
                WORKDIR /app
                COPY --from=builder /app/out/json/ .
                COPY --from=builder /app/out/yarn.lock ./yarn.lock
                RUN yarn install
                COPY --from=builder /app/out/full/ .
                RUN yarn turbo run build --filter=api...

                FROM node:22-alpine AS runner
                WORKDIR /app
                COPY --from=installer /app .
                CMD node apps/api/dist/index.js
                """);
        assertThat(paths.toContext("/app/apps/api/src/index.ts")).contains("apps/api/src/index.ts");
        assertThat(paths.toContext("/app/apps/api/package.json")).contains("apps/api/package.json");
        assertThat(paths.toContext("/app/yarn.lock")).as("prune writes a pruned lockfile").isEmpty();
        assertThat(paths.toContext("/app/turbo.json")).as("and rewrites turbo.json").isEmpty();
        assertThat(paths.toContext("/app/apps/api/dist/index.js")).as("a path the context would hold")
                .contains("apps/api/dist/index.js");
    }

    @Test
    void aMixReleaseHoldsTheProjectsOverlays() {
        ContextPaths paths = lastStage("""
                FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS builder
                WORKDIR /app
                ENV MIX_ENV="prod"
                COPY mix.exs mix.lock ./
                RUN mix deps.get --only $MIX_ENV
                COPY lib lib
                COPY rel rel
                RUN mix release

                FROM debian:bookworm-20241016-slim
                WORKDIR /app
                ENV MIX_ENV="prod"
                COPY --from=builder --chown=nobody:root /app/_build/${MIX_ENV}/rel/live_beats ./
                CMD ["/app/bin/server"]
                """);
        assertThat(paths.toContext("/app/bin/server")).contains("rel/overlays/bin/server");
    }

    @Test
    void aMixReleaseWithAPathHoldsTheOverlaysThere() {
        ContextPaths paths = lastStage("""
                FROM elixir:1.17 AS build
                WORKDIR /src
                COPY . .
                RUN MIX_ENV=prod mix do compile, release --path /release

                FROM debian:bookworm-slim
                COPY --from=build /release /opt/shop
                """);
        assertThat(paths.toContext("/opt/shop/bin/migrate")).contains("rel/overlays/bin/migrate");
    }

    @Test
    void aReleaseAfterCdIsNotRead() {
        ContextPaths paths = lastStage("""
                FROM elixir:1.17 AS build
                WORKDIR /src
                COPY . .
                RUN cd apps/web && mix release

                FROM debian:bookworm-slim
                COPY --from=build /src/_build/prod/rel/web /app
                """);
        assertThat(paths.toContext("/app/bin/server")).as("what COPY . . would hold").contains("_build/prod/rel/web/bin/server");
    }

    @Test
    void withoutDockerTheOutputIsThePrunedWorkspace() {
        ContextPaths paths = lastStage("""
                FROM node:22 AS prune
                WORKDIR /repo
                COPY . .
                RUN npx turbo@2.1.0 prune api --out-dir=/pruned

                FROM node:22
                WORKDIR /srv
                COPY --from=prune /pruned/ ./
                """);
        assertThat(paths.toContext("/srv/apps/api/src/index.ts")).contains("apps/api/src/index.ts");
        assertThat(paths.toContext("/srv/pnpm-lock.yaml")).isEmpty();
    }

    @Test
    void aFolderAnUnknownRunWritesStaysUnknown() {
        ContextPaths paths = lastStage("""
                FROM node:22 AS build
                WORKDIR /app
                COPY . .
                RUN ./scripts/bundle.sh out

                FROM node:22
                WORKDIR /app
                COPY --from=build /app/out/ .
                """);
        assertThat(paths.toContext("/app/index.js")).as("out/index.js of the build stage, not in the context")
                .contains("out/index.js");
    }

    @Test
    void aPruneAfterCdIsNotRead() {
        ContextPaths paths = lastStage("""
                FROM node:22 AS builder
                WORKDIR /app
                COPY . .
                RUN cd apps && turbo prune api --docker

                FROM node:22
                WORKDIR /app
                COPY --from=builder /app/out/full/ .
                """);
        assertThat(paths.toContext("/app/apps/api/src/index.ts")).contains("out/full/apps/api/src/index.ts");
    }

    @Test
    void parentStagesAndTheirCopiesFromOtherStagesCount() {
        ContextPaths paths = lastStage("""
                FROM python:3.12 AS deps
                COPY requirements.txt /deps/

                FROM python:3.12-slim AS base
                WORKDIR /app
                COPY --from=deps /deps/requirements.txt .

                FROM base
                COPY src/ ./src/
                """);
        assertThat(paths.toContext("/app/requirements.txt")).contains("requirements.txt");
        assertThat(paths.toContext("/app/src/main.py")).contains("src/main.py");
    }

    @Test
    void aCopyFromAnImageMapsNowhere() {
        ContextPaths paths = lastStage("""
                FROM nginx:1.27
                COPY . /usr/share/nginx/html/
                COPY --from=busybox:1.36 /bin/ /usr/share/nginx/html/bin/
                """);
        assertThat(paths.toContext("/usr/share/nginx/html/index.html")).contains("index.html");
        assertThat(paths.toContext("/usr/share/nginx/html/bin/sh")).isEmpty();
    }

    /** Knows nothing of images and the context; any RUN but apk may write anything. */
    private static final ImagePaths.Writers APK_IS_INERT = new ImagePaths.Writers() {
        @Override
        public boolean baseMayHold(dev.drydock.core.dockerfile.model.Stage root, String path) {
            return false;
        }

        @Override
        public boolean runMayWrite(dev.drydock.core.dockerfile.model.Stage stage,
                dev.drydock.core.dockerfile.model.CommandSpec run, String path) {
            return !run.instruction().logicalText().text().contains("apk ");
        }

        @Override
        public boolean contextMayHold(String contextPath) {
            return contextPath.equals("certs") || contextPath.startsWith("certs/");
        }
    };

    private static java.util.List<Integer> supplierLines(String dockerfile, String stage, String path) {
        DockerfileModel model = DockerfileModel.of(DockerfileParser.parse(SourceFile.of("Dockerfile", dockerfile)));
        return ImagePaths.suppliers(model, model.stage(stage).orElseThrow(), path, APK_IS_INERT).stream()
                .map(s -> s.instruction().startLine()).toList();
    }

    private static final String PRUNED_MONOREPO = """
            FROM node:22-alpine AS base
            RUN apk add --no-cache libc6-compat

            FROM base AS builder
            WORKDIR /app
            COPY . .
            RUN apk add --no-cache git

            FROM base AS installer
            WORKDIR /app
            COPY --from=builder /app/ .
            RUN pnpm turbo build
            """;

    @Test
    void nothingSuppliesAFolderNoRunOfTheLineageWrites() {
        assertThat(supplierLines(PRUNED_MONOREPO, "builder", "/app/apps/web/.next")).isEmpty();
    }

    @Test
    void aRunOfTheStageAndTheCopyOfAnotherStageSupplyIt() {
        assertThat(supplierLines(PRUNED_MONOREPO, "installer", "/app/apps/web/.next")).containsExactly(12);
        assertThat(supplierLines(PRUNED_MONOREPO, "installer", "/app/certs/localhost.key"))
                .as("the copy of the builder, followed to the builder's copy of the context, and the RUN")
                .containsExactly(11, 6, 12);
    }

    @Test
    void aWorkdirAndACopyBelowThePathSupplyIt() {
        String dockerfile = """
                FROM alpine:3.20 AS a
                WORKDIR /app/dist/assets

                FROM alpine:3.20 AS b
                COPY --from=a /app/dist/assets /srv/dist/assets
                """;
        assertThat(supplierLines(dockerfile, "a", "/app/dist")).containsExactly(2);
        assertThat(supplierLines(dockerfile, "b", "/srv/dist")).containsExactly(5, 2);
    }
}
