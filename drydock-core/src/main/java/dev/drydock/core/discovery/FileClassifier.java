package dev.drydock.core.discovery;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a file's {@link FileType} from its name and the names of the two folders above it; never
 * reads the file. The rules:
 *
 * <ul>
 *   <li>Dockerfiles: {@code Dockerfile}, {@code Containerfile} (any case), {@code *.Dockerfile},
 *       {@code *.Containerfile}, {@code Dockerfile.*}, {@code Dockerfile-*}, {@code Dockerfile_*},
 *       {@code Containerfile.*}; not when the last extension marks a template, a document or a
 *       backup ({@code Dockerfile.j2}, {@code Dockerfile.md}, {@code Dockerfile.orig}, see
 *       {@link #NOT_DOCKERFILE_EXTENSIONS}), and never {@code *.dockerignore}.
 *   <li>Compose: the four default names and four override names exactly as Compose looks for them
 *       (case-sensitive); any other {@code compose*.y(a)ml} / {@code docker-compose*.y(a)ml}, or
 *       {@code *.compose.y(a)ml} / {@code *.docker-compose.y(a)ml}, is a {@code -f} variant.
 *   <li>Ignore files: {@code .dockerignore}; {@code <anything>.dockerignore} is Dockerfile-specific;
 *       {@code .containerignore}.
 *   <li>Env files: {@code .env}, {@code .env.*}, {@code *.env}; a template when one of its dot
 *       segments is example(s), sample, template, dist, tmpl, tpl or default(s), and {@code env.example}
 *       (the same words); also env or .env followed by words one of which is such a word
 *       ({@code env-example-relational}, {@code .env-sample}), unless it ends in a code or configuration extension.
 *   <li>Manifests: fixed names, .NET projects and solutions by extension ({@code csproj}, {@code fsproj},
 *       {@code vbproj}, {@code sln}, {@code slnx}), plus {@code requirements*.txt}, {@code *-requirements.txt},
 *       {@code *_requirements.txt}, {@code requirements*.in} and any {@code .txt}/{@code .in}
 *       directly in a {@code requirements/} folder.
 *   <li>CI: {@code .github/workflows/*.y(a)ml}, local actions ({@code action.y(a)ml} in a folder of
 *       {@code actions/}, as {@code .github/actions/build/action.yml}), {@code .gitlab-ci.yml}, {@code Jenkinsfile(.*)},
 *       {@code .circleci/config.y(a)ml}, {@code azure-pipelines*.y(a)ml},
 *       {@code bitbucket-pipelines.yml}, {@code .travis.yml}.
 *   <li>Skaffold configurations: {@code skaffold.yaml}, {@code skaffold.yml}.
 *   <li>GoReleaser configurations: {@code .goreleaser.y(a)ml}, {@code goreleaser.y(a)ml}, and the variants kept
 *       beside them for {@code --config} ({@code .goreleaser-nightly.yml}).
 *   <li>Kubernetes manifests: other {@code *.y(a)ml} in a folder named for them ({@link #KUBERNETES_FOLDERS}, or
 *       with k8s, kube or kubernetes as a word of its name, the
 *       folder or the one above it) or named for a workload ({@link #KUBERNETES_NAME_WORDS}), not in a Helm
 *       chart's {@code templates/}; the loader keeps those with {@code apiVersion} and {@code kind}.
 *   <li>Dev container configurations: {@code devcontainer.json} in a {@code .devcontainer} folder or one folder
 *       below it, and {@code .devcontainer.json}, where the dev container tools look for them.
 *   <li>Sources by extension (py, js/mjs/cjs/jsx, ts/mts/cts/tsx but not d.ts, java, go, rb/ru,
 *       php, sh/bash).
 * </ul>
 */
public final class FileClassifier {

    /** Last extensions after which a Dockerfile-like name is not a Dockerfile drydock should read. */
    public static final Set<String> NOT_DOCKERFILE_EXTENSIONS = Set.of(
            // templates rendered into a Dockerfile by some other tool
            "j2", "jinja", "jinja2", "tmpl", "tpl", "template", "erb", "mustache", "hbs", "in", "m4", "gotmpl",
            // documents
            "md", "txt", "rst", "adoc", "html", "pdf",
            // backups and editor droppings
            "bak", "orig", "old", "swp", "rej", "tmp",
            // other file types that only share the prefix
            "json", "yml", "yaml", "lock", "sh", "py", "dockerignore", "containerignore");

    private static final Set<String> COMPOSE_DEFAULT =
            Set.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");
    private static final Set<String> COMPOSE_OVERRIDE = Set.of(
            "compose.override.yml", "compose.override.yaml", "docker-compose.override.yml",
            "docker-compose.override.yaml");

    /** Folders where projects keep Kubernetes manifests (kustomize's bases and overlays among them). */
    static final Set<String> KUBERNETES_FOLDERS = Set.of("k8s", ".k8s", "kubernetes", "kube", "manifests", "deploy",
            "deployment", "deployments", "kustomize", "base", "bases", "overlays", "k8s-manifests", "openshift");

    /** Words in a file name that mark a Kubernetes manifest ({@code api-deployment.yaml}, {@code k8s.yml}). */
    static final java.util.regex.Pattern KUBERNETES_NAME_WORDS = java.util.regex.Pattern.compile(
            "(^|.*[-_.])(k8s|kube|kubernetes|deployment|deploy|statefulset|daemonset|cronjob|job|pod|manifest|workload)s?([-_.].*|$)");

    private static final Set<String> ENV_TEMPLATE_WORDS = Set.of("example", "examples", "sample", "template", "dist", "tmpl", "tpl", "default", "defaults");

    private static final Map<String, FileType> EXACT = Map.ofEntries(
            Map.entry(".gitignore", FileType.GITIGNORE),
            Map.entry(".dockerignore", FileType.DOCKERIGNORE),
            Map.entry(".containerignore", FileType.CONTAINERIGNORE),
            Map.entry("docker-bake.hcl", FileType.BAKE_HCL),
            Map.entry("docker-bake.override.hcl", FileType.BAKE_HCL),
            Map.entry("docker-bake.json", FileType.BAKE_JSON),
            Map.entry("docker-bake.override.json", FileType.BAKE_JSON),
            Map.entry("skaffold.yaml", FileType.SKAFFOLD),
            Map.entry("skaffold.yml", FileType.SKAFFOLD),
            Map.entry("pyproject.toml", FileType.PYPROJECT_TOML),
            Map.entry("Pipfile", FileType.PIPFILE),
            Map.entry("Pipfile.lock", FileType.PIPFILE_LOCK),
            Map.entry("setup.py", FileType.SETUP_PY),
            Map.entry("setup.cfg", FileType.SETUP_CFG),
            Map.entry("poetry.lock", FileType.POETRY_LOCK),
            Map.entry("uv.lock", FileType.UV_LOCK),
            Map.entry("pdm.lock", FileType.PDM_LOCK),
            Map.entry("package.json", FileType.PACKAGE_JSON),
            Map.entry("package-lock.json", FileType.PACKAGE_LOCK_JSON),
            Map.entry("npm-shrinkwrap.json", FileType.NPM_SHRINKWRAP_JSON),
            Map.entry("yarn.lock", FileType.YARN_LOCK),
            Map.entry("pnpm-lock.yaml", FileType.PNPM_LOCK_YAML),
            Map.entry("bun.lockb", FileType.BUN_LOCK),
            Map.entry("bun.lock", FileType.BUN_LOCK),
            Map.entry("pom.xml", FileType.POM_XML),
            Map.entry("build.gradle", FileType.BUILD_GRADLE),
            Map.entry("build.gradle.kts", FileType.BUILD_GRADLE_KTS),
            Map.entry("settings.gradle", FileType.SETTINGS_GRADLE),
            Map.entry("settings.gradle.kts", FileType.SETTINGS_GRADLE),
            Map.entry("go.mod", FileType.GO_MOD),
            Map.entry("go.sum", FileType.GO_SUM),
            Map.entry("Gemfile", FileType.GEMFILE),
            Map.entry("Gemfile.lock", FileType.GEMFILE_LOCK),
            Map.entry("gems.rb", FileType.GEMFILE),
            Map.entry("gems.locked", FileType.GEMFILE_LOCK),
            Map.entry("composer.json", FileType.COMPOSER_JSON),
            Map.entry("composer.lock", FileType.COMPOSER_LOCK),
            Map.entry("Cargo.toml", FileType.CARGO_TOML),
            Map.entry("Cargo.lock", FileType.CARGO_LOCK),
            Map.entry("Directory.Packages.props", FileType.DOTNET_PROPS),
            Map.entry("Directory.Build.props", FileType.DOTNET_PROPS),
            Map.entry("packages.lock.json", FileType.NUGET_LOCK),
            Map.entry("mix.exs", FileType.MIX_EXS),
            Map.entry("mix.lock", FileType.MIX_LOCK),
            Map.entry(".gitlab-ci.yml", FileType.GITLAB_CI),
            Map.entry(".gitlab-ci.yaml", FileType.GITLAB_CI),
            Map.entry("bitbucket-pipelines.yml", FileType.BITBUCKET_PIPELINES),
            Map.entry(".travis.yml", FileType.TRAVIS_CI));

    private static final Map<String, FileType> SOURCE_EXTENSIONS = Map.ofEntries(
            Map.entry("py", FileType.PYTHON_SOURCE),
            Map.entry("js", FileType.JAVASCRIPT_SOURCE),
            Map.entry("mjs", FileType.JAVASCRIPT_SOURCE),
            Map.entry("cjs", FileType.JAVASCRIPT_SOURCE),
            Map.entry("jsx", FileType.JAVASCRIPT_SOURCE),
            Map.entry("ts", FileType.TYPESCRIPT_SOURCE),
            Map.entry("mts", FileType.TYPESCRIPT_SOURCE),
            Map.entry("cts", FileType.TYPESCRIPT_SOURCE),
            Map.entry("tsx", FileType.TYPESCRIPT_SOURCE),
            Map.entry("svelte", FileType.COMPONENT_SOURCE),
            Map.entry("vue", FileType.COMPONENT_SOURCE),
            Map.entry("java", FileType.JAVA_SOURCE),
            Map.entry("kt", FileType.JAVA_SOURCE), // Kotlin: a JVM source the Ktor reader opens
            Map.entry("go", FileType.GO_SOURCE),
            Map.entry("rs", FileType.RUST_SOURCE),
            Map.entry("rb", FileType.RUBY_SOURCE),
            Map.entry("ru", FileType.RUBY_SOURCE),
            Map.entry("php", FileType.PHP_SOURCE),
            Map.entry("ex", FileType.ELIXIR_SOURCE),
            Map.entry("cs", FileType.CSHARP_SOURCE),
            Map.entry("sh", FileType.SHELL_SCRIPT),
            Map.entry("bash", FileType.SHELL_SCRIPT));

    private static final Map<String, FileType> MANIFEST_EXTENSIONS = Map.of(
            "csproj", FileType.DOTNET_PROJECT,
            "fsproj", FileType.DOTNET_PROJECT,
            "vbproj", FileType.DOTNET_PROJECT,
            "sln", FileType.DOTNET_SOLUTION,
            "slnx", FileType.DOTNET_SOLUTION);

    private FileClassifier() {}

    /** Classifies a '/'-separated path relative to the project root (or any path ending in the name). */
    public static Optional<FileType> classify(String relativePath) {
        return Optional.ofNullable(classifyPath(relativePath));
    }

    /** {@link #classify(String)} without the Optional, for the walk. */
    static FileType classifyPath(String relativePath) {
        int slash = relativePath.lastIndexOf('/');
        String name = relativePath.substring(slash + 1);
        if (slash < 0) {
            return classify(name, "", "");
        }
        int slash2 = relativePath.lastIndexOf('/', slash - 1);
        String parent = relativePath.substring(slash2 + 1, slash);
        String grandparent = "";
        if (slash2 >= 0) {
            grandparent = relativePath.substring(relativePath.lastIndexOf('/', slash2 - 1) + 1, slash2);
        }
        return classify(name, parent, grandparent);
    }

    /**
     * Classifies a file by its name and the names of its parent and grandparent folders ("" when
     * there is none); null when the file is of no kind discovery tracks.
     */
    public static FileType classify(String name, String parent, String grandparent) {
        FileType exact = EXACT.get(name);
        if (exact != null) {
            return exact;
        }
        if (name.equals(".devcontainer.json") || name.equals("devcontainer.json")
                && (parent.equals(".devcontainer") || grandparent.equals(".devcontainer"))) {
            return FileType.DEVCONTAINER;
        }
        if (COMPOSE_DEFAULT.contains(name)) {
            return FileType.COMPOSE;
        }
        if (COMPOSE_OVERRIDE.contains(name)) {
            return FileType.COMPOSE_OVERRIDE;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        int lastDot = lower.lastIndexOf('.');
        String extension = lastDot >= 0 ? lower.substring(lastDot + 1) : "";

        if (lower.endsWith(".dockerignore")) {
            return FileType.DOCKERFILE_DOCKERIGNORE;
        }
        if (isDockerfileName(lower, extension)) {
            return FileType.DOCKERFILE;
        }
        if (FRAMEWORK_CONFIG_NAME.matcher(name).matches() && !kubernetesFolder(parent) && !kubernetesFolder(grandparent)) {
            return FileType.FRAMEWORK_CONFIG; // application-kubernetes.yml is Spring's, not a manifest
        }
        if ((extension.equals("yml") || extension.equals("yaml"))) {
            FileType yaml = classifyYaml(lower, parent, grandparent);
            if (yaml != null) {
                return yaml;
            }
        }
        if (name.equals("Jenkinsfile") || name.startsWith("Jenkinsfile.")) {
            return FileType.JENKINSFILE;
        }
        FileType env = classifyEnv(lower);
        if (env != null) {
            return env;
        }
        FileType requirements = classifyRequirements(lower, extension, parent);
        if (requirements != null) {
            return requirements;
        }
        FileType project = MANIFEST_EXTENSIONS.get(extension);
        if (project != null && lastDot > 0) {
            return project;
        }
        FileType source = SOURCE_EXTENSIONS.get(extension);
        if (source != null && lastDot > 0) {
            if (source == FileType.TYPESCRIPT_SOURCE && lower.endsWith(".d.ts")) {
                return null;
            }
            return source;
        }
        return null;
    }

    private static boolean isDockerfileName(String lower, String extension) {
        if (lower.equals("dockerfile") || lower.equals("containerfile")) {
            return true;
        }
        boolean suffixed = lower.endsWith(".dockerfile") && lower.length() > ".dockerfile".length()
                || lower.endsWith(".containerfile") && lower.length() > ".containerfile".length();
        if (suffixed) {
            return true;
        }
        boolean prefixed = lower.startsWith("dockerfile.") || lower.startsWith("dockerfile-")
                || lower.startsWith("dockerfile_") || lower.startsWith("containerfile.")
                || lower.startsWith("containerfile-") || lower.startsWith("containerfile_");
        if (!prefixed || lower.endsWith(".") || lower.endsWith("~")) {
            return false;
        }
        // "Dockerfile-prod" has no extension; "Dockerfile.prod" has "prod"; "Dockerfile.prod.j2" has "j2"
        return !NOT_DOCKERFILE_EXTENSIONS.contains(extension);
    }

    private static FileType classifyYaml(String lower, String parent, String grandparent) {
        if (parent.equals("workflows") && grandparent.equals(".github")) {
            return FileType.GITHUB_WORKFLOW;
        }
        if ((lower.equals("action.yml") || lower.equals("action.yaml")) && grandparent.equals("actions")) {
            return FileType.GITHUB_ACTION;
        }
        if (parent.equals(".circleci") && (lower.equals("config.yml") || lower.equals("config.yaml"))) {
            return FileType.CIRCLECI;
        }
        if (lower.startsWith("azure-pipelines")) {
            return FileType.AZURE_PIPELINES;
        }
        if (lower.startsWith("bitbucket-pipelines")) {
            return FileType.BITBUCKET_PIPELINES;
        }
        if (GORELEASER_NAME.matcher(lower).matches()) {
            return FileType.GORELEASER;
        }
        String stem = lower.substring(0, lower.lastIndexOf('.'));
        if (isComposeVariantStem(stem)) {
            return FileType.COMPOSE_VARIANT;
        }
        if (!parent.equals("templates") && (kubernetesFolder(parent) || kubernetesFolder(grandparent)
                || KUBERNETES_NAME_WORDS.matcher(stem).matches())) {
            return FileType.KUBERNETES_MANIFEST;
        }
        return null;
    }

    /** A folder named for manifests: one of {@link #KUBERNETES_FOLDERS}, or with k8s, kube or kubernetes as a word. */
    private static boolean kubernetesFolder(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return KUBERNETES_FOLDERS.contains(lower) || KUBERNETES_FOLDER_WORDS.matcher(lower).matches();
    }

    /** The names of {@link FileType#FRAMEWORK_CONFIG}, in the case the frameworks look them up with. */
    private static final java.util.regex.Pattern FRAMEWORK_CONFIG_NAME = java.util.regex.Pattern.compile(
            "(application|bootstrap)(-[^/]+)?\\.(properties|ya?ml)|appsettings(\\.[^/]+)?\\.json");

    /** {@code .goreleaser.yaml}, {@code goreleaser.yml}, {@code .goreleaser-nightly.yml}. */
    private static final java.util.regex.Pattern GORELEASER_NAME = java.util.regex.Pattern.compile(
            "\\.?goreleaser([._-][\\w.-]+)?\\.ya?ml");

    /** {@code kubernetes-manifests}, {@code k8s-prod}, {@code deploy_kube}. */
    private static final java.util.regex.Pattern KUBERNETES_FOLDER_WORDS = java.util.regex.Pattern.compile(
            "(.*[-_.])?(k8s|kube|kubernetes)([-_.].*)?");

    private static boolean isComposeVariantStem(String stem) {
        for (String prefix : new String[] {"docker-compose", "compose"}) {
            if (stem.equals(prefix)) {
                return true; // a default name in another case, e.g. Docker-Compose.yml
            }
            if (stem.startsWith(prefix) && stem.length() > prefix.length()) {
                char next = stem.charAt(prefix.length());
                if (next == '.' || next == '-' || next == '_') {
                    return true;
                }
            }
        }
        return stem.endsWith(".compose") || stem.endsWith(".docker-compose") || stem.endsWith("-docker-compose")
                || stem.endsWith("_docker-compose");
    }

    /**
     * {@link FileType#ENV} for an env file with real values ({@code .env}, {@code .env.production},
     * {@code web.env}), {@link FileType#ENV_TEMPLATE} for a template of one ({@code .env.example},
     * {@code env.sample}), null for any other file name.
     */
    public static FileType envFileType(String fileName) {
        return classifyEnv(fileName.toLowerCase(Locale.ROOT));
    }

    private static FileType classifyEnv(String lower) {
        boolean env = lower.equals(".env") || lower.startsWith(".env.") || lower.endsWith(".env") && lower.length() > 4;
        if (!env && envTemplateOfDotEnv(lower)) {
            return FileType.ENV_TEMPLATE;
        }
        if (!env) {
            // "web.env.example" is a template of web.env, "env.example" one of .env; "app.env.js" is no env file
            int at = lower.indexOf(".env.");
            String suffix = lower.startsWith("env.") ? lower.substring(4) : at < 0 ? "" : lower.substring(at + 5);
            if (!ENV_TEMPLATE_WORDS.contains(suffix)) {
                return null;
            }
        }
        // a word of the name past its dots, dashes or underscores: .env.example, .env.prod-sample, api_example.env
        for (String word : lower.split("[._-]")) {
            if (ENV_TEMPLATE_WORDS.contains(word)) {
                return FileType.ENV_TEMPLATE;
            }
        }
        return FileType.ENV;
    }

    /**
     * A template of .env by a name of its own: env or .env, then a separator, then words one of which is a template
     * word ({@code env-example-relational}, {@code .env-sample}, {@code env.example.docker}, {@code env_dist}); not a
     * file of code or configuration ({@code env-example.js}, {@code env.sample.yaml}).
     */
    static boolean envTemplateOfDotEnv(String lower) {
        String bare = lower.startsWith(".") ? lower.substring(1) : lower;
        if (!bare.matches("env[._-][a-z0-9._-]+") || NOT_ENV_EXTENSION.matcher(bare).find()) {
            return false;
        }
        for (String word : bare.split("[._-]")) {
            if (ENV_TEMPLATE_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a file name is a template of the project's .env rather than of another env file ({@code web.env.example}
     * is web.env's): {@code .env.example}, {@code env.sample}, {@code env-example-relational}, and a template word
     * before {@code .env} alone ({@code example.env}, {@code sample.env}: no service's name).
     */
    public static boolean isTemplateOfDotEnv(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return envFileType(lower) == FileType.ENV_TEMPLATE && (lower.startsWith(".env.") || lower.startsWith("env.")
                || envTemplateOfDotEnv(lower)
                || lower.endsWith(".env") && ENV_TEMPLATE_WORDS.contains(lower.substring(0, lower.length() - 4)));
    }

    /** Extensions of files that are code or structured configuration, never a dotenv file. */
    private static final Pattern NOT_ENV_EXTENSION = Pattern.compile(
            "\\.(?:js|mjs|cjs|ts|py|rb|go|php|java|kt|rs|sh|json|ya?ml|toml|xml|ini|cfg|conf|md|txt|html)$");

    private static FileType classifyRequirements(String lower, String extension, String parent) {
        boolean txt = extension.equals("txt");
        boolean in = extension.equals("in");
        if (!txt && !in) {
            return null;
        }
        boolean named = lower.startsWith("requirements")
                || (txt && (lower.endsWith("-requirements.txt") || lower.endsWith("_requirements.txt")));
        if (named || parent.equals("requirements")) {
            return txt ? FileType.REQUIREMENTS_TXT : FileType.REQUIREMENTS_IN;
        }
        return null;
    }
}
