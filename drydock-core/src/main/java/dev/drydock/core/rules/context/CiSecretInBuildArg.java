package dev.drydock.core.rules.context;

import dev.drydock.core.discovery.PathNames;
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
import dev.drydock.core.rules.support.JenkinsCredentials;
import dev.drydock.core.rules.support.SecretNames;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.source.SourceFile;
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
                + " --build-arg`, buildx, podman, buildah, kaniko's executor, Jenkins' `docker.build(image, args)`, the"
                + " `build-args` of docker/build-push-action or of Depot's depot/build-push-action, which takes the same"
                + " inputs, a GoReleaser image's `--build-arg` flags and `build_args`, whose `{{ .Env.NAME }}` reads the"
                + " variable NAME) whose value is"
                + " a CI secret: a GitHub expression that reads `secrets.*` or `github.token`, a variable a Jenkins pipeline binds to"
                + " credentials (`credentials()`, `withCredentials`), or a variable named like"
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

    /**
     * A shell, CI or make variable: {@code $NAME}, {@code ${NAME}}, {@code $(NAME)}, or a Jenkins pipeline's
     * {@code ${env.NAME}}.
     */
    private static final Pattern VARIABLE = Pattern.compile("\\$[{(]?(?:env\\.)?([A-Za-z_][A-Za-z0-9_]*)");

    /** A CI secret a build argument's value reads: as written in messages, and the variable that holds it (or null). */
    private record Secret(String written, String variable) {}

    @Override
    public void check(ReviewContext context) {
        for (DeclaredBuild build : context.project().declaredBuilds()) {
            DockerfileSource dockerfile = context.project().dockerfiles().get(build.dockerfile());
            DockerfileModel model = dockerfile == null ? null : dockerfile.model();
            if (model == null) {
                continue;
            }
            JenkinsCredentials.Bindings credentials = credentials(context, build);
            for (BuildArgument argument : build.arguments()) {
                secret(argument, credentials).ifPresent(secret -> declaredIn(model, build, argument.name())
                        .ifPresent(arg -> report(context, build, argument, secret, arg)));
            }
        }
    }

    /** The variables a Jenkins pipeline binds to credentials, for a build it declares. */
    private static JenkinsCredentials.Bindings credentials(ReviewContext context, DeclaredBuild build) {
        String file = build.origin().file();
        String text = PathNames.fileName(file).startsWith("Jenkinsfile")
                ? context.project().source(file).map(SourceFile::text).orElse("") : "";
        return JenkinsCredentials.bound(text);
    }

    /** The CI secret a value reads; empty for a literal or a variable that is neither named like a secret nor bound to one. */
    private static Optional<Secret> secret(BuildArgument argument, JenkinsCredentials.Bindings credentials) {
        Matcher github = GITHUB_SECRET.matcher(argument.value());
        if (github.find()) {
            return Optional.of(new Secret(github.group(1), null));
        }
        Matcher variable = VARIABLE.matcher(argument.value());
        while (variable.find()) {
            String name = variable.group(1);
            if (credentials.notSecret().contains(name)) {
                continue;
            }
            String credential = credentials.secrets().get(name);
            if (credential != null) {
                return Optional.of(new Secret("$" + name + (credential.isEmpty() ? "" : " (Jenkins credential "
                        + credential + ")"), name));
            }
            if (SecretNames.isSecretName(name)) {
                return Optional.of(new Secret("$" + name, name));
            }
        }
        return Optional.empty();
    }

    /** The ARG instruction that declares a build argument in a stage the build runs, and whether the image keeps it. */
    private record DeclaredArg(Step step, boolean inImage) {}

    /**
     * The ARG that declares the argument in a stage the build runs, the one in a stage the target's image is built on
     * first; empty when no such stage declares it, so the value is not used.
     */
    private static Optional<DeclaredArg> declaredIn(DockerfileModel model, DeclaredBuild build, String name) {
        Optional<Stage> target = build.target() == null ? model.targetStage()
                : model.stages().stream().filter(s -> build.target().equalsIgnoreCase(s.name())).findFirst();
        if (target.isEmpty()) {
            return Optional.empty();
        }
        Set<Integer> image = new HashSet<>();
        Stages.inImage(model, target.get()).forEach(s -> image.add(s.index()));
        DeclaredArg builder = null;
        for (Stage stage : Stages.needed(model, target.get())) {
            Step arg = argStep(stage, name);
            if (arg != null) {
                if (image.contains(stage.index())) {
                    return Optional.of(new DeclaredArg(arg, true));
                }
                if (builder == null) {
                    builder = new DeclaredArg(arg, false);
                }
            }
        }
        return Optional.ofNullable(builder);
    }

    private static Step argStep(Stage stage, String name) {
        for (Step step : stage.steps()) {
            if (step.instruction().kind() == InstructionKind.ARG && step.instruction().arguments() instanceof ArgList args
                    && args.entries().stream().anyMatch(entry -> entry.name().value().equals(name))) {
                return step;
            }
        }
        return null;
    }

    private void report(ReviewContext context, DeclaredBuild build, BuildArgument argument, Secret secret,
            DeclaredArg arg) {
        String name = argument.name();
        String id = name.toLowerCase(Locale.ROOT);
        String argLine = build.dockerfile() + ":" + arg.step().instruction().span().startLine();
        context.finding(this, new Location(argument.origin().file(), argument.origin().span()),
                        argument.origin().file() + " passes the CI secret " + secret.written() + " to the build of "
                                + build.dockerfile() + " as the build argument " + name + " (ARG at " + argLine + "): "
                                + (arg.inImage() ? "every RUN that uses it records the value in the image's history"
                                        + " (docker history --no-trunc), readable by anyone who pulls the image"
                                        : "only a builder stage declares it, but the value stays in the build cache"
                                                + " and in the build's provenance"))
                .severity(arg.inImage() ? Severity.HIGH : Severity.MEDIUM)
                .recommendation(how(build, argument, secret, id) + "; in " + build.dockerfile() + ", remove ARG "
                        + name + " (line " + arg.step().instruction().span().startLine()
                        + ") and read it only in the RUN that needs it: `RUN --mount=type=secret,id=" + id
                        + ",env=" + name + " ...`. Then rotate " + secret.written()
                        + ": it is in images and caches already written.")
                .add();
    }

    /** How to pass the secret with the build's own tool. */
    private static String how(DeclaredBuild build, BuildArgument argument, Secret secret, String id) {
        String variable = secret.variable() != null ? secret.variable() : argument.name();
        String option = "`--secret id=" + id + ",env=" + variable + "`";
        String environment = secret.variable() != null ? "" : " with `" + variable + ": " + argument.value()
                + "` in the step's env:";
        return switch (build.tool()) {
            case BUILD_PUSH_ACTION -> "Make it a build secret: move it from build-args to the action's secrets"
                    + " (`secrets: |` then `" + id + "=" + argument.value() + "`)";
            case KANIKO -> "Kaniko takes no --secret option (GoogleContainerTools/kaniko#3028): build this image with"
                    + " BuildKit or buildah and " + option + " instead of --build-arg" + environment
                    + ", or hand kaniko the secret as a file under /kaniko, which it leaves out of the image";
            case BAKE -> "Make it a build secret: move it from the target's args to its secret attribute (`secret = "
                    + "[\"id=" + id + ",env=" + variable + "\"]`), which docker buildx bake reads from the environment";
            case SKAFFOLD -> "Make it a build secret: move it from the artifact's docker.buildArgs to docker.secrets"
                    + " (`- id: " + id + "` with `env: " + variable + "`; Skaffold needs `useBuildkit: true` for it)";
            case GORELEASER -> "Make it a build secret: drop it from the entry's build arguments and add the flag"
                    + " `--secret=id=" + id + ",env=" + variable + "` (build_flag_templates of dockers, with `use: buildx`;"
                    + " flags of dockers_v2): GoReleaser runs docker with its own environment, so the build reads "
                    + variable + " from where GoReleaser runs"
                    + (secret.variable() != null ? "" : ", which must set it");
            case JENKINS_DOCKER_BUILD -> "Make it a build secret: in the arguments of docker.build, write " + option
                    + " instead of --build-arg (the plugin runs docker build with them)";
            default -> "Make it a build secret: pass " + option + " to " + build.tool().written()
                    + " instead of --build-arg" + environment;
        };
    }
}
