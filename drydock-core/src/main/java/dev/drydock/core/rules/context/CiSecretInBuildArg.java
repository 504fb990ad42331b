package dev.drydock.core.rules.context;

import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.ArgList;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.project.BuildArgument;
import dev.drydock.core.project.DeclaredBuild;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.SecretNames;
import dev.drydock.core.rules.support.Stages;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "ci-secret-in-build-arg",
        title = "CI passes a secret to the image build as a build argument",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "The build arguments that CI and task files pass to the builds they declare (`docker build"
                + " --build-arg`, buildx, podman, buildah, the `build-args` of docker/build-push-action) whose value is"
                + " a CI secret: a GitHub expression that reads `secrets.*` or `github.token`, or a variable named like"
                + " a secret (`$NPM_TOKEN`, `${DEPLOY_PASSWORD}`, make's `$(NPM_TOKEN)`, a bare `--build-arg NPM_TOKEN` that takes it from"
                + " the environment), when the Dockerfile declares that ARG. High when a stage the image is built on"
                + " declares it; medium when only a builder stage does (the value then stays in the build cache and"
                + " the provenance, not in the image's history).",
        problem = "Build arguments are not secret: the value of every ARG a RUN uses is written into that layer's"
                + " history (`docker history --no-trunc` shows `|1 NPM_TOKEN=...`), into the build cache and into"
                + " provenance attestations.",
        impact = "Anyone who can pull the image, or read the cache or the attestation, reads the CI secret, and it"
                + " stays valid after the build.",
        recommendation = "Pass it as a build secret: `secrets:` of docker/build-push-action or `docker build --secret"
                + " id=...,env=...`, read in the one RUN that needs it with `RUN --mount=type=secret`; remove the ARG;"
                + " rotate the secret that was passed.",
        references = {
                "https://docs.docker.com/build/building/secrets/",
                "https://docs.docker.com/build/ci/github-actions/secrets/",
                "https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/"},
        fix = FixSafety.SUGGESTION,
        effort = "20 min",
        examples = @RuleExample(
                file = ".github/workflows/image.yml",
                bad = """
                        on: push
                        jobs:
                          image:
                            runs-on: ubuntu-latest
                            steps:
                              - uses: actions/checkout@v4
                              - uses: docker/build-push-action@v6
                                with:
                                  context: .
                                  build-args: |
                                    NPM_TOKEN=${{ secrets.NPM_TOKEN }}
                        """,
                good = """
                        on: push
                        jobs:
                          image:
                            runs-on: ubuntu-latest
                            steps:
                              - uses: actions/checkout@v4
                              - uses: docker/build-push-action@v6
                                with:
                                  context: .
                                  secrets: |
                                    npm_token=${{ secrets.NPM_TOKEN }}
                        """,
                alongside = @ExampleFile(name = "Dockerfile", content = """
                        FROM node:22.12.0-bookworm-slim
                        ARG NPM_TOKEN
                        WORKDIR /app
                        COPY package.json package-lock.json ./
                        RUN npm ci --omit=dev
                        COPY . .
                        USER node
                        CMD ["node", "server.js"]
                        """)))
public final class CiSecretInBuildArg implements Rule {

    /** A GitHub expression that reads a secret or the workflow's token. */
    private static final Pattern GITHUB_SECRET = Pattern.compile(
            "\\$\\{\\{[^}]*\\b(secrets\\.[A-Za-z0-9_-]+|github\\.token)\\b[^}]*}}");

    /** A shell, CI or make variable: {@code $NAME}, {@code ${NAME}}, {@code $(NAME)}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$[{(]?([A-Za-z_][A-Za-z0-9_]*)");

    @Override
    public void check(ReviewContext context) {
        for (DeclaredBuild build : context.project().declaredBuilds()) {
            DockerfileSource dockerfile = context.project().dockerfiles().get(build.dockerfile());
            DockerfileModel model = dockerfile == null ? null : dockerfile.model();
            if (model == null) {
                continue;
            }
            for (BuildArgument argument : build.arguments()) {
                secret(argument).ifPresent(secret -> declaredIn(model, build, argument.name())
                        .ifPresent(inImage -> report(context, build, argument, secret, inImage)));
            }
        }
    }

    /** The CI secret a value reads, as written; empty for a literal or a variable not named like a secret. */
    private static Optional<String> secret(BuildArgument argument) {
        Matcher github = GITHUB_SECRET.matcher(argument.value());
        if (github.find()) {
            return Optional.of(github.group(1));
        }
        Matcher variable = VARIABLE.matcher(argument.value());
        while (variable.find()) {
            if (SecretNames.isSecretName(variable.group(1))) {
                return Optional.of("$" + variable.group(1));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the target stage's image keeps the argument (true: a stage it is built on declares it) or only a
     * builder stage does (false); empty when no stage the build runs declares it, so the value is not used.
     */
    private static Optional<Boolean> declaredIn(DockerfileModel model, DeclaredBuild build, String name) {
        Optional<Stage> target = build.target() == null ? model.targetStage()
                : model.stages().stream().filter(s -> build.target().equalsIgnoreCase(s.name())).findFirst();
        if (target.isEmpty()) {
            return Optional.empty();
        }
        Set<Integer> image = new HashSet<>();
        Stages.inImage(model, target.get()).forEach(s -> image.add(s.index()));
        boolean builder = false;
        for (Stage stage : Stages.needed(model, target.get())) {
            if (declaresArg(stage, name)) {
                if (image.contains(stage.index())) {
                    return Optional.of(true);
                }
                builder = true;
            }
        }
        return builder ? Optional.of(false) : Optional.empty();
    }

    private static boolean declaresArg(Stage stage, String name) {
        for (Step step : stage.steps()) {
            if (step.instruction().kind() == InstructionKind.ARG && step.instruction().arguments() instanceof ArgList args
                    && args.entries().stream().anyMatch(entry -> entry.name().value().equals(name))) {
                return true;
            }
        }
        return false;
    }

    private void report(ReviewContext context, DeclaredBuild build, BuildArgument argument, String secret,
            boolean inImage) {
        String name = argument.name();
        String id = name.toLowerCase(Locale.ROOT);
        boolean action = build.origin().file().startsWith(".github/")
                && context.project().source(build.origin().file())
                        .map(f -> f.line(build.origin().line()).contains("docker/build-push-action")).orElse(false);
        String how = action
                ? "move it from build-args to the action's secrets (`secrets: |` then `" + id + "=" + argument.value()
                        + "`)"
                : "pass it with `--secret id=" + id + ",env=" + name + "` instead of --build-arg, with " + name
                        + " set in the step's environment";
        context.finding(this, new Location(argument.origin().file(), argument.origin().span()),
                        argument.origin().file() + " passes the CI secret " + secret + " to the build of "
                                + build.dockerfile() + " as the build argument " + name + ": "
                                + (inImage ? "every RUN that uses it records the value in the image's history"
                                        + " (docker history --no-trunc), readable by anyone who pulls the image"
                                        : "only a builder stage declares it, but the value stays in the build cache"
                                                + " and in the build's provenance"))
                .severity(inImage ? Severity.HIGH : Severity.MEDIUM)
                .recommendation("Make it a build secret: " + how + "; in " + build.dockerfile() + ", remove ARG "
                        + name + " and read it only in the RUN that needs it: `RUN --mount=type=secret,id=" + id
                        + ",env=" + name + " ...`. Then rotate " + secret + ": it is in images already pushed.")
                .add();
    }
}
