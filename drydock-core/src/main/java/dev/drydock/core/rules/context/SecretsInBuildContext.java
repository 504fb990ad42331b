package dev.drydock.core.rules.context;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.dotenv.DotEnvEntry;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.ImagePaths;
import dev.drydock.core.project.Project;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildContexts;
import dev.drydock.core.rules.support.BuildContexts.ContextCopy;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.ContextInventory;
import dev.drydock.core.rules.support.ContextInventory.Evidence;
import dev.drydock.core.rules.support.ContextInventory.Item;
import dev.drydock.core.rules.support.ContextInventory.Source;
import dev.drydock.core.rules.support.EnvFileCarriers;
import dev.drydock.core.rules.support.EnvFiles;
import dev.drydock.core.rules.support.IgnoreEdits;
import dev.drydock.core.rules.support.SecretNames;
import dev.drydock.core.rules.support.SensitivePaths;
import dev.drydock.core.rules.support.SensitivePaths.Kind;
import dev.drydock.core.rules.support.SensitivePaths.Match;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.StrictDotenvLoad;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "secrets-in-build-context",
        title = "A secret file is copied into the image",
        severity = Severity.CRITICAL,
        category = Category.SECURITY,
        checks = "Secret files of the build context (.env files, compose env_file entries, the files of compose"
                + " secrets, git-ignored env files and keys, SSH keys, credentials, keystores) that the ignore file does"
                + " not exclude and that a COPY/ADD of the image's own stages takes, along with a folder or by name."
                + " A Symfony application's .env (and .env.dev, .env.prod ...) beside its composer.json is not one:"
                + " Symfony commits it with default values and its Dotenv needs it at every start; its .env.local"
                + " files are, and so is a .env that git ignores or compose reads as an env_file. Medium instead of"
                + " critical when every such file is an env file in the project whose variables have neither a"
                + " secret-looking name nor a credential-shaped value (a committed .env of PORT and LOG_LEVEL): what the"
                + " image carries is not secret today, but a secret added to the file later ships with it. A source written"
                + " with a variable that has no value (COPY ${NETBOX_PATH} /opt/netbox, an ARG without default) names"
                + " nothing drydock can know, and is not taken for the whole context. The fix that excludes a file"
                + " also deletes a COPY --from that takes it out of a builder stage by its name (and is not offered"
                + " when that COPY takes other files too); for .env it is not offered while the application's code"
                + " stops without the file (see dockerignore-missing), which the recommendation names first.",
        problem = "A COPY of the context copies every file the ignore file lets through, secrets included; git-ignored"
                + " files are no exception: they are absent from the repository but present on every machine where the"
                + " stack runs and images are built by hand.",
        impact = "The secret is stored in an image layer: anyone who can pull or inspect the image (a registry, a CI"
                + " cache, a colleague) reads it with `docker run --rm IMAGE cat FILE`, and deleting it in a later"
                + " layer does not remove it.",
        recommendation = "Exclude secret files in .dockerignore, pass their values at run time (env_file, environment,"
                + " Compose secrets), use `RUN --mount=type=secret` for secrets the build needs, and rotate any secret"
                + " that was in a pushed image.",
        references = {
                "https://docs.docker.com/build/building/secrets/",
                "https://docs.docker.com/build/concepts/context/#dockerignore-files",
                "https://docs.docker.com/compose/how-tos/use-secrets/",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-12-utilize-docker-secrets-for-sensitive-data-management"},
        fix = FixSafety.SAFE,
        effort = "15 min",
        examples = @RuleExample(
                file = ".dockerignore",
                bad = """
                        .git
                        """,
                good = """
                        .git
                        **/.env
                        """,
                alongside = {
                        @ExampleFile(name = ".env", content = """
                        API_TOKEN=change-me
                        """),
                        @ExampleFile(name = "Dockerfile", content = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY requirements.txt .
                        RUN pip install --no-cache-dir -r requirements.txt
                        COPY . .
                        CMD ["python", "app.py"]
                        """),
                        @ExampleFile(name = "requirements.txt", content = """
                        flask==3.0.3
                        """),
                        @ExampleFile(name = "app.py", content = """
                        print("hello")
                        """)}))
public final class SecretsInBuildContext implements Rule {

    /** How many files of a folder carried from a builder stage are looked at. */
    private static final int MAX_LISTED = 200;

    @Override
    public void check(ReviewContext context) {
        Project project = context.project();
        for (BuiltImage image : BuiltImage.of(context)) {
            BuildLink build = image.containers().get(0).build();
            List<ContextCopy> copies = BuildContexts.copies(build);
            if (copies.isEmpty()) {
                continue;
            }
            List<Item> items = new ArrayList<>(ContextInventory.of(context, build).stream()
                    .filter(i -> i.kind() == Kind.SECRET && i.match().definite()).toList());
            items.addAll(namedSecrets(project, build, copies, items));
            Map<ContextCopy, List<Item>> byCopy = new LinkedHashMap<>();
            var copied = ContextInventory.copiedIn(project, build, items, copies, true);
            for (var entry : copied.entrySet()) {
                byCopy.computeIfAbsent(entry.getValue().get(0), c -> new ArrayList<>()).add(entry.getKey());
            }
            byCopy.forEach((copy, secrets) -> report(context, image, copy, secrets));
        }
    }

    /**
     * Secret files the inventory does not know (deeper than the context's top) that a COPY of the image names, or
     * that lie in a context folder a COPY --from of the image takes from a builder stage ({@code COPY --from=build
     * /app/certs /certs} after the builder's {@code COPY . .}).
     */
    private static List<Item> namedSecrets(Project project, BuildLink build, List<ContextCopy> copies, List<Item> known) {
        Set<String> paths = new LinkedHashSet<>();
        known.forEach(i -> paths.add(i.path()));
        List<String> named = new ArrayList<>();
        copies.stream().filter(ContextCopy::inImage).forEach(c -> named.addAll(c.sources()));
        for (String folder : carriedFolders(project, build)) {
            try (var files = java.nio.file.Files.list(project.root().resolve(BuildContexts.inProject(build, folder)))) {
                files.limit(MAX_LISTED).filter(java.nio.file.Files::isRegularFile)
                        .forEach(f -> named.add(PathNames.join(folder, f.getFileName().toString())));
            } catch (java.io.IOException | RuntimeException e) {
                // an unreadable folder names nothing
            }
        }
        List<Item> out = new ArrayList<>();
        for (String source : named) {
            String path = PathNames.normalizeRelative(source);
            if (path == null || path.isEmpty() || paths.contains(path) || path.contains("*") || path.contains("?")) {
                continue;
            }
            Optional<Match> m = SensitivePaths.classify(path);
            if (m.isPresent() && m.get().kind() == Kind.SECRET && m.get().definite()
                    && project.files().exists(BuildContexts.inProject(build, path))) {
                paths.add(path);
                out.add(new Item(path, m.get(), path, path,
                        List.of(new Evidence(Source.PRESENT, "present in the project", null))));
            }
        }
        return out;
    }

    /** The context folders (not the context itself) that COPY --from instructions of the image take from builders. */
    private static List<String> carriedFolders(Project project, BuildLink build) {
        List<String> out = new ArrayList<>();
        var model = build.model();
        for (var stage : Stages.lineage(model, build.stage())) {
            for (var c : stage.copies()) {
                if (c.fromStage() < 0 || c.fromStage() >= stage.index()) {
                    continue;
                }
                var from = ImagePaths.of(model, model.stages().get(c.fromStage()),
                        p -> project.files().isDirectory(BuildContexts.inProject(build, p)));
                for (int i = 0; i < c.sources().size(); i++) {
                    String source = c.sources().get(i);
                    if (c.unresolved(i) || source.contains("*") || source.contains("?")) {
                        continue;
                    }
                    from.toContext(source).filter(p -> !p.isEmpty())
                            .filter(p -> project.files().isDirectory(BuildContexts.inProject(build, p)))
                            .ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private void report(ReviewContext context, BuiltImage image, ContextCopy copy, List<Item> items) {
        Project project = context.project();
        BuildLink build = image.containers().get(0).build();
        boolean certain = false;
        boolean named = false;
        List<String> parts = new ArrayList<>();
        Set<String> secretNames = new LinkedHashSet<>();
        Set<String> templates = new LinkedHashSet<>();
        List<String> harmlessKeys = harmlessKeys(project, build, items);
        for (Item item : items) {
            boolean explicit = BuildContexts.namesExplicitly(copy, item.path());
            named |= explicit;
            certain |= explicit || item.present() || item.has(Source.ENV_FILE) || item.has(Source.COMPOSE_SECRET);
            List<String> landing = BuildContexts.landing(project, build, copy, item.probe());
            boolean sampled = !item.display().equals(item.path()) && !item.display().equals(item.path() + "/");
            String at = landing.isEmpty() || sampled ? "" : " at " + (item.match().directory()
                    ? PathNames.parent(landing.get(0)) : landing.get(0));
            List<dev.drydock.core.dockerfile.model.CopyCommand> carriers = BuildContexts.carriers(build, copy,
                    item.probe());
            if (!carriers.isEmpty() && !at.isEmpty()) {
                var carrier = carriers.get(0).instruction();
                at += " of " + Stages.describe(copy.stage()) + ", which `" + carrier.logicalText().text().strip()
                        .replaceAll("\\s+", " ") + "` (line " + carrier.startLine() + ") carries into the image";
            }
            parts.add("`" + item.display() + "`" + at + " (" + item.match().what() + ": "
                    + (explicit ? "named by the instruction" : item.because()) + ")");
            if (item.isEnvFile()) {
                String template = envKeys(project, build, item, secretNames);
                if (template != null) {
                    templates.add(template);
                    certain = true;
                }
            }
        }
        String instruction = "`" + copy.text() + "`";
        StringBuilder message = new StringBuilder(instruction).append(" bakes ")
                .append(items.size() == 1 ? "a secret file" : items.size() + " secret files").append(" into the image");
        List<String> names = image.containers().stream().map(c -> imageName(project, c)).filter(n -> n != null)
                .distinct().toList();
        if (!names.isEmpty()) {
            message.append(" ").append(String.join(", ", names));
        }
        if (!certain) {
            message.append(" wherever it is built by hand");
        }
        message.append(": ").append(String.join("; ", parts));
        if (!certain) {
            message.append(". Git ignores ").append(items.size() == 1 ? "it" : "them")
                    .append(", so developers' working copies have ").append(items.size() == 1 ? "it" : "them")
                    .append(" while the repository does not");
        }
        if (!secretNames.isEmpty()) {
            message.append(templates.isEmpty() ? ". It holds " : ". Per " + String.join(", ", templates) + " it holds ")
                    .append(and(List.copyOf(secretNames)));
        }
        if (harmlessKeys != null) {
            message.append(". Today ").append(items.size() == 1 ? "it holds" : "they hold")
                    .append(" no secret-looking variable (").append(and(harmlessKeys))
                    .append("): a secret added to ").append(items.size() == 1 ? "it" : "them")
                    .append(" later ships with the image");
        }
        String ignore = build.dockerignore();
        if (!named) {
            message.append(ignore == null ? ". The build context has no .dockerignore"
                    : ". " + ignore + " does not exclude " + (items.size() == 1 ? "it" : "them"));
        }
        message.append(". Anyone who can pull the image can read ").append(items.size() == 1 ? "it" : "them");
        List<String> patterns = items.stream().map(Item::pattern).distinct().toList();
        boolean envOnly = items.stream().allMatch(i -> i.isEnvFile());
        String rotate = !secretNames.isEmpty() ? "rotate " + and(List.copyOf(secretNames))
                : envOnly ? "rotate the secrets it held"
                : items.stream().noneMatch(i -> i.isEnvFile())
                        ? "replace " + and(items.stream().map(Item::display).toList())
                        : "rotate what " + and(items.stream().map(Item::display).toList()) + " hold";
        EnvFileCarriers carriers = EnvFileCarriers.of(project, build, items, List.of(copy));
        String recommendation;
        if (named) {
            recommendation = "Remove " + instruction + " and give the container the values at run time (compose"
                    + " env_file:/environment: or secrets:); a secret the build itself needs goes through"
                    + " `RUN --mount=type=secret,id=...`. Then " + rotate + " if an image with it was ever pushed or shared.";
        } else {
            String lines = String.join(", ", patterns.stream().map(p -> "`" + p + "`").toList());
            String exclude = ignore != null ? "Add " + lines + " to " + ignore
                    : "Create " + PathNames.join(build.context(), ".dockerignore") + " with " + lines;
            boolean composeSecrets = items.stream().allMatch(i -> i.has(Source.COMPOSE_SECRET));
            String runtime = envOnly
                    ? "; the container still gets the values at run time"
                            + (items.stream().anyMatch(i -> i.has(Source.ENV_FILE)) ? " through env_file:" : "")
                    : composeSecrets
                    ? "; the container still gets " + (items.size() == 1 ? "it" : "them") + " under /run/secrets"
                            + " through compose secrets:, which reads the host's file, not the image's"
                    : "; if the container needs " + (items.size() == 1 ? "the file, mount it" : "these files, mount them")
                            + " at run time (compose secrets: or a read-only bind mount)";
            String uncarried = carriers.commands().isEmpty() || carriers.blocked() ? ""
                    : ". Delete " + carriers.described() + ", which would no longer find the file in the builder";
            recommendation = exclude + runtime + uncarried + ". Rebuild, delete the images built so far, and " + rotate
                    + " if one of them was ever pushed or shared.";
        }
        Optional<StrictDotenvLoad> strict = !named && items.stream().anyMatch(SecretsInBuildContext::dotenv)
                ? StrictDotenvLoad.in(project, build) : Optional.empty();
        if (strict.isPresent()) {
            recommendation = "Before .env leaves the image, make the application start without it: "
                    + strict.get().advice() + ". Then " + Character.toLowerCase(recommendation.charAt(0))
                    + recommendation.substring(1);
        }
        var finding = context.finding(this, new Location(copy.copy().instruction().file().path(),
                        copy.copy().instruction().span()), message.append('.').toString())
                .severity(!certain ? Severity.HIGH : harmlessKeys != null ? Severity.MEDIUM : Severity.CRITICAL)
                .recommendation(recommendation);
        TextEdit exclude = named ? null : IgnoreEdits.append(context.project(), build, patterns, envOnly
                ? "Secrets: the containers get them at run time, never from the image"
                : "Secrets and keys: never part of the image");
        // a COPY --from that takes the excluded file out of a builder fails once the file is gone: it goes too, and
        // when it takes more than the file, or the application stops without .env, nothing is excluded by the fix
        if (exclude != null && strict.isEmpty() && !carriers.blocked()) {
            // safe when the values still reach the container: env files that compose loads with env_file, and the
            // files of compose secrets, which compose mounts from the host
            boolean delivered = items.stream().allMatch(i -> i.has(Source.ENV_FILE) || i.has(Source.COMPOSE_SECRET));
            List<TextEdit> edits = new ArrayList<>(List.of(exclude));
            edits.addAll(carriers.deletions());
            finding.fix(Fix.of("exclude " + and(patterns) + " in " + ignore
                            + (carriers.commands().isEmpty() ? "" : " and drop the COPY --from that took it"),
                    delivered ? FixSafety.SAFE : FixSafety.UNSAFE, edits));
        }
        finding.add();
    }

    /**
     * The variables of the items when every one is an env file present in the project whose variables have neither a
     * secret-looking name nor a credential-shaped value (a committed .env of PORT and HELLO_WORLD); null otherwise.
     */
    private static List<String> harmlessKeys(Project project, BuildLink build, List<Item> items) {
        List<String> keys = new ArrayList<>();
        for (Item item : items) {
            if (!item.isEnvFile() || !item.present()) {
                return null;
            }
            List<DotEnvEntry> entries = EnvFiles.entries(project, BuildContexts.inProject(build, item.path()));
            if (entries.isEmpty()) {
                return null;
            }
            for (DotEnvEntry entry : entries) {
                if (SecretNames.isSecretName(entry.key()) || SecretNames.credentialIn(entry.value()).isPresent()) {
                    return null;
                }
                keys.add(entry.key());
            }
        }
        return keys.stream().distinct().toList();
    }

    /** Whether the item is the .env file that dotenv libraries load from the working directory. */
    private static boolean dotenv(Item item) {
        return PathNames.fileName(item.path()).equals(".env");
    }

    /**
     * Adds the secret-looking variable names an env file holds (read from the file when present,
     * else from its template beside it) and returns the template's path when one was read.
     */
    private static String envKeys(Project project, BuildLink build, Item item, Set<String> names) {
        String path = BuildContexts.inProject(build, item.path());
        String read = item.present() ? path : EnvFiles.template(project, path).map(ProjectEntry::path).orElse(null);
        if (read == null) {
            return null;
        }
        EnvFiles.entries(project, read).stream().map(DotEnvEntry::key).filter(SecretNames::isSecretName)
                .forEach(names::add);
        return item.present() ? null : read;
    }

    private static String and(List<String> words) {
        if (words.size() <= 1) {
            return String.join("", words);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }

    /** The image a container runs or builds: its image name, else Compose's default name for its service's build. */
    private static String imageName(Project project, Container c) {
        if (c.image() != null || c.service() == null) {
            return c.image();
        }
        for (var compose : project.composeProjects()) {
            if (compose.services().get(c.service().name()) == c.service()) {
                return compose.imageName(c.service());
            }
        }
        return null;
    }
}
