package dev.drydock.core.rules.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installs of language packages by name, for pip ({@code pip}, {@code python -m pip}, {@code uv pip}),
 * pipx, uv tool, uv add, poetry add, npm, yarn, pnpm, bun, gem, go, cargo and conda (mamba, micromamba): which packages each
 * names without fixing their version.
 */
public final class LanguageInstalls {

    private LanguageInstalls() {}

    /**
     * One install command.
     *
     * @param tool how the command is named in messages ({@code pip install}, {@code npm install -g})
     * @param ecosystem {@code pip}, {@code npm}, {@code gem}, {@code go}, {@code cargo}, {@code conda}
     * @param unpinned the package words that fix no version, in order
     * @param reason why those words are not pinned, for the message
     * @param pinnedForm how a pinned package is written, {@code %s} standing for its name
     */
    public record Install(Call call, String tool, String ecosystem, List<Call.Arg> unpinned, String reason,
            String pinnedForm) {

        /** The pinned spelling of one package word, for the recommendation. */
        public String pinned(String spec) {
            if (repositoryUrl(spec) && (ecosystem.equals("pip") || ecosystem.equals("npm"))) {
                return pinnedRepositoryUrl(spec);
            }
            return pinnedForm.replace("%s", LanguageInstalls.bareName(ecosystem, spec));
        }

        /**
         * A repository URL fixed to a commit: pip reads the reference after the path's last @ (before any
         * #egg= or #subdirectory= fragment), npm after #.
         */
        private String pinnedRepositoryUrl(String spec) {
            Matcher download = DOWNLOAD_REF.matcher(spec);
            if (download.find()) {
                return spec.substring(0, download.start(1)) + "<commit>" + spec.substring(download.end(1));
            }
            int fragment = spec.indexOf('#');
            String url = fragment < 0 ? spec : spec.substring(0, fragment);
            if (ecosystem.equals("npm")) {
                return url + "#<commit>";
            }
            return url + "@<commit>" + (fragment < 0 ? "" : spec.substring(fragment));
        }
    }

    /** The tools that install or upgrade themselves, whose unpinned upgrade is less harmful. */
    public static final Set<String> INSTALLERS = Set.of("pip", "setuptools", "wheel", "npm", "yarn", "pnpm",
            "corepack", "bundler", "rubygems-update", "conda", "mamba");

    private static final String[] UV_VALUE_OPTIONS = {"-r", "--requirement", "-c", "--constraint", "-o",
        "--override", "-i", "--index-url", "--extra-index-url", "--index", "--default-index", "-f", "--find-links",
        "-p", "--python", "--target", "--prefix", "--with", "--with-requirements", "--from", "--group", "--extra",
        "--cache-dir", "--directory", "--project", "--config-file", "--index-strategy", "--keyring-provider",
        "--resolution", "--prerelease", "--exclude-newer", "-C", "--config-setting", "--python-platform"};
    private static final String[] NPM_VALUE_OPTIONS = {"--prefix", "--registry", "--cache", "-w", "--workspace",
        "--omit", "--include", "--tag", "--loglevel", "--userconfig", "--globalconfig", "--modules-folder",
        "--cwd", "--filter", "-C", "--dir", "--network-timeout", "--mutex", "--cache-folder"};
    private static final String[] GEM_VALUE_OPTIONS = {"-v", "--version", "-i", "--install-dir", "-n", "--bindir",
        "-s", "--source", "-P", "--trust-policy", "--platform", "-g", "--file", "--document", "-p", "--http-proxy"};
    private static final String[] CARGO_VALUE_OPTIONS = {"--version", "--vers", "--git", "--branch", "--tag",
        "--rev", "--path", "--root", "--index", "--registry", "-j", "--jobs", "--target", "--target-dir",
        "--profile", "-F", "--features", "--bin", "--example", "--config", "-Z", "--color"};
    private static final String[] GO_VALUE_OPTIONS = {"-o", "-p", "-ldflags", "-gcflags", "-tags", "-mod",
        "-modfile", "-overlay", "-pkgdir", "-toolexec", "-asmflags", "-buildmode", "-compiler", "-gccgoflags",
        "-installsuffix", "-pgo", "-C"};

    /** ==, ===, ~=, an upper bound, or a lone = (which pip refuses, so the build fails on its own). */
    private static final Pattern EXACT_OR_UPPER = Pattern.compile("==|~=|<|(?<![<>=!~])=(?!=)");
    private static final Pattern ARCHIVE = Pattern.compile("(?i).*\\.(whl|tar\\.gz|tgz|tar\\.bz2|tar\\.xz|zip|tar|gem|crate)$");
    private static final Pattern NPM_DIST_TAG = Pattern.compile("(?i)[a-z][a-z0-9-]*|\\*|x|");
    private static final Pattern GO_FLOATING = Pattern.compile("latest|upgrade|patch|master|main|HEAD|none");

    /** The install this command runs, when it installs language packages by name. */
    public static Optional<Install> of(Call call) {
        Optional<PipCommands.Install> pip = PipCommands.install(call);
        if (pip.isPresent()) {
            return pip(call, "pip install", pip.get().options(), pip.get().packages());
        }
        if (call.is("uv") && call.args().size() >= 2) {
            String first = call.args().get(0).value();
            String second = call.args().get(1).value();
            Call sub = call.as("uv", call.args().get(1), 2);
            if (first.equals("pip") && second.equals("install")) {
                return pip(call, "uv pip install", sub.options(UV_VALUE_OPTIONS), sub.options(UV_VALUE_OPTIONS).operands());
            }
            if (first.equals("tool") && second.equals("install")) {
                return pip(call, "uv tool install", sub.options(UV_VALUE_OPTIONS), sub.options(UV_VALUE_OPTIONS).operands());
            }
        }
        if (call.is("uv") && !call.args().isEmpty() && call.args().get(0).value().equals("add")) {
            Call sub = call.as("uv", call.args().get(0), 1);
            return pip(call, "uv add", sub.options(UV_VALUE_OPTIONS), sub.options(UV_VALUE_OPTIONS).operands());
        }
        if (call.is("pipx") && !call.args().isEmpty() && call.args().get(0).value().equals("install")) {
            Call sub = call.as("pipx", call.args().get(0), 1);
            Call.Options options = sub.options("--python", "--pip-args", "--suffix", "--index-url", "--preinstall");
            return pip(call, "pipx install", options, options.operands());
        }
        if (call.is("poetry") && !call.args().isEmpty() && call.args().get(0).value().equals("add")) {
            Call sub = call.as("poetry", call.args().get(0), 1);
            Call.Options options = sub.options("-G", "--group", "-E", "--extras", "--source", "--python",
                    "--platform", "--markers", "-C", "--directory", "-P", "--project");
            return pip(call, "poetry add", options, options.operands());
        }
        if (call.is("npm", "yarn", "pnpm", "bun")) {
            return node(call);
        }
        if (call.is("corepack")) {
            return corepack(call);
        }
        if (call.is("gem")) {
            return gem(call);
        }
        if (CondaCommands.isConda(call)) {
            return conda(call);
        }
        if (call.is("go")) {
            return go(call);
        }
        if (call.is("cargo")) {
            return cargo(call);
        }
        return Optional.empty();
    }

    private static Optional<Install> pip(Call call, String tool, Call.Options options, List<Call.Arg> packages) {
        if (options.has("-r", "--requirement", "-c", "--constraint", "--with-requirements", "-o", "--override")) {
            return Optional.empty();
        }
        List<Call.Arg> unpinned = new ArrayList<>();
        for (Call.Arg arg : packages) {
            if (!pipPinned(arg.value())) {
                unpinned.add(arg);
            }
        }
        return Optional.of(new Install(call, tool, "pip", unpinned,
                "no exact version (name==version) is given, so each build installs the newest release of the day",
                "%s==<version>"));
    }

    /** Whether a package word names a repository or download URL (git+https://..., https://...) instead of a package. */
    public static boolean repositoryUrl(String spec) {
        return spec.contains("://") || spec.startsWith("git+") || spec.startsWith("github:");
    }

    /** A pip requirement that fixes its version, points at a file or folder, or pins a VCS reference. */
    static boolean pipPinned(String spec) {
        String s = spec.strip();
        if (s.isEmpty() || local(s)) {
            return true;
        }
        if (s.contains(" @ ")) {
            return pipPinned(s.substring(s.indexOf(" @ ") + 3)); // name @ url
        }
        if (s.contains("://") || s.startsWith("git+")) {
            String url = s.contains("#") ? s.substring(0, s.indexOf('#')) : s;
            String rest = url.contains("://") ? url.substring(url.indexOf("://") + 3) : url;
            int at = rest.lastIndexOf('@');
            return ARCHIVE.matcher(url).matches() || at >= 0 && !rest.substring(at).contains("/")
                    || namesFixedRevision(url);
        }
        String requirement = s.contains(";") ? s.substring(0, s.indexOf(';')) : s;
        if (EXACT_OR_UPPER.matcher(requirement).find()) {
            return true;
        }
        if (requirement.contains(">")) {
            return false; // a lower bound only: the newest release still wins
        }
        return requirement.startsWith("$") || requirement.indexOf('@') > 0; // unknown, or poetry's name@^1.2
    }

    /** The revision segment of a download URL: GitHub's /tarball/REF and /zipball/REF, Gitea's /archive/REF. */
    private static final Pattern DOWNLOAD_REF = Pattern.compile("^https?://[^#]*/(?:tarball|zipball|archive)/([^/?#]+)");
    /** A full commit hash as a path segment, the revision of a download URL such as GitHub's /tarball/SHA. */
    private static final Pattern COMMIT_SEGMENT = Pattern.compile("(?i)/[0-9a-f]{40}(?:[/.?]|$)");
    /** A version tag after GitHub's or Gitea's archive paths: /tarball/v1.2.3, /zipball/2.0, /archive/v1.2.3. */
    private static final Pattern TAG_SEGMENT = Pattern.compile("(?i)/(?:tarball|zipball|archive)/v?\\d[\\w.-]*(?:[/?]|$)");

    /**
     * Whether an http(s) download URL names a fixed revision in its path (a commit hash, or a version tag after
     * tarball/, zipball/ or archive/), so that npm and pip fetch the same files each build; a repository URL
     * (git+..., ending in .git) takes its revision after # or @ instead.
     */
    static boolean namesFixedRevision(String url) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            return false;
        }
        String path = url.substring(url.indexOf("://") + 3);
        return !path.endsWith(".git") && (COMMIT_SEGMENT.matcher(path).find() || TAG_SEGMENT.matcher(path).find());
    }

    private static boolean local(String spec) {
        return spec.equals(".") || spec.startsWith("./") || spec.startsWith("../") || spec.startsWith("/")
                || spec.startsWith("~") || spec.startsWith("file:") || spec.startsWith(".[")
                || ARCHIVE.matcher(spec).matches() && !spec.contains("://");
    }

    private static Optional<Install> node(Call call) {
        Call.Options options = call.options(NPM_VALUE_OPTIONS);
        List<Call.Arg> operands = options.operands();
        if (operands.isEmpty()) {
            return Optional.empty();
        }
        int first = 0;
        String tool = call.name();
        if (call.is("yarn") && operands.get(0).value().equals("global")) {
            first = 1;
            tool = "yarn global";
        }
        if (operands.size() <= first) {
            return Optional.empty();
        }
        String sub = operands.get(first).value();
        boolean installs = call.is("npm") ? Set.of("install", "i", "add", "in", "isntall").contains(sub)
                : sub.equals("add") || call.is("pnpm", "bun") && Set.of("install", "i").contains(sub)
                        && operands.size() > first + 1;
        if (!installs) {
            return Optional.empty();
        }
        List<Call.Arg> unpinned = new ArrayList<>();
        for (Call.Arg arg : operands.subList(first + 1, operands.size())) {
            if (!npmPinned(arg.value())) {
                unpinned.add(arg);
            }
        }
        boolean global = options.has("-g", "--global", "--location=global") || tool.equals("yarn global");
        return Optional.of(new Install(call, tool + " " + sub + (global && !tool.equals("yarn global") ? " -g" : ""),
                "npm", unpinned, "no exact version (name@version) is given; a package without a version, or with a"
                        + " dist-tag such as @latest, resolves to whatever the registry serves that day",
                "%s@<version>"));
    }

    /**
     * corepack prepare/install/use of a package manager named on the command line (pnpm@latest, yarn@stable):
     * without one, corepack reads the project's packageManager field, which is pinned.
     */
    private static Optional<Install> corepack(Call call) {
        List<Call.Arg> operands = call.options().operands();
        if (operands.size() < 2 || !Set.of("prepare", "install", "use").contains(operands.get(0).value())) {
            return Optional.empty();
        }
        List<Call.Arg> unpinned = new ArrayList<>();
        for (Call.Arg arg : operands.subList(1, operands.size())) {
            if (!npmPinned(arg.value())) {
                unpinned.add(arg);
            }
        }
        return Optional.of(new Install(call, "corepack " + operands.get(0).value(), "npm", unpinned,
                "no exact version (name@version) is given; without one, or with a tag such as @latest or @stable,"
                        + " corepack fetches whatever release is current that day", "%s@<version>"));
    }

    /** An npm package spec that fixes a version or range, a git commit-ish, a tarball or a folder. */
    static boolean npmPinned(String spec) {
        if (spec.isEmpty() || spec.startsWith("$") || local(spec) || ARCHIVE.matcher(spec).matches()) {
            return true;
        }
        if (spec.contains("://") || spec.startsWith("git+") || spec.startsWith("github:")) {
            return spec.contains("#") || namesFixedRevision(spec);
        }
        int at = spec.indexOf('@', spec.startsWith("@") ? 1 : 0);
        if (at < 0) {
            boolean folder = !spec.startsWith("@") && spec.contains("/") && !spec.matches("[\\w.-]+/[\\w.-]+");
            return folder || spec.contains("#"); // user/repo#ref on GitHub
        }
        String version = spec.substring(at + 1);
        if (version.startsWith("npm:")) {
            return npmPinned(version.substring(4));
        }
        return !NPM_DIST_TAG.matcher(version).matches() || version.startsWith("$");
    }

    private static Optional<Install> gem(Call call) {
        Call.Options options = call.options(GEM_VALUE_OPTIONS);
        List<Call.Arg> operands = options.operands();
        if (operands.isEmpty() || !Set.of("install", "i").contains(operands.get(0).value())) {
            return Optional.empty();
        }
        List<Call.Arg> gems = operands.subList(1, operands.size());
        boolean versionFlag = options.has("-v", "--version");
        List<Call.Arg> unpinned = new ArrayList<>();
        for (Call.Arg gem : gems) {
            String g = gem.value();
            boolean pinned = g.contains(":") || g.startsWith("$") || local(g) || versionFlag && gems.size() == 1;
            if (!pinned) {
                unpinned.add(gem);
            }
        }
        return Optional.of(new Install(call, "gem install", "gem", unpinned, "no version is given (gem:version, or"
                + " -v with a single gem), so each build installs the newest release", "%s:<version>"));
    }

    /**
     * conda, mamba or micromamba install or create naming packages: a spec fixes its version with =, ==, an upper
     * bound or a version after a space ({@code numpy=1.26}, {@code "numpy 1.26.*"}); an environment file, update and
     * env create are not installs by name.
     */
    private static Optional<Install> conda(Call call) {
        Optional<CondaCommands.Invocation> command = CondaCommands.of(call);
        if (command.isEmpty() || command.get().env() || !Set.of("install", "create").contains(command.get().verbName())
                || command.get().options().has("--revision")) {
            return Optional.empty();
        }
        List<Call.Arg> unpinned = new ArrayList<>();
        for (Call.Arg arg : command.get().operands()) {
            String spec = arg.value();
            boolean pinned = EXACT_OR_UPPER.matcher(spec).find() || spec.matches("\\S+\\s+[0-9*].*")
                    || spec.startsWith("$") || local(spec) || spec.endsWith(".conda") || spec.contains("://");
            if (!pinned) {
                unpinned.add(arg);
            }
        }
        String tool = call.name().substring(call.name().lastIndexOf('/') + 1) + " " + command.get().verbName();
        return Optional.of(new Install(call, tool, "conda", unpinned, "no version is given (name=version), so each"
                + " build installs the newest build the channels have that day", "%s=<version>"));
    }

    private static Optional<Install> go(Call call) {
        Call.Options options = call.options(GO_VALUE_OPTIONS);
        List<Call.Arg> operands = options.operands();
        if (operands.isEmpty() || !Set.of("install", "get", "run").contains(operands.get(0).value())) {
            return Optional.empty();
        }
        String sub = operands.get(0).value();
        List<Call.Arg> unpinned = new ArrayList<>();
        for (Call.Arg arg : operands.subList(1, operands.size())) {
            String v = arg.value();
            int at = v.lastIndexOf('@');
            String path = at < 0 ? v : v.substring(0, at);
            boolean remote = !path.startsWith(".") && !path.startsWith("/") && !path.startsWith("$")
                    && path.split("/")[0].contains(".") && !path.endsWith(".go");
            if (!remote) {
                continue;
            }
            if (at >= 0 ? GO_FLOATING.matcher(v.substring(at + 1)).matches() : sub.equals("get")) {
                unpinned.add(arg);
            }
            if (sub.equals("run")) {
                break; // the rest are the program's arguments
            }
        }
        return Optional.of(new Install(call, "go " + sub, "go", unpinned, "the module's version is @latest, a branch,"
                + " or (go get) not given, so each build resolves the newest code of the day",
                "%s@v<version>"));
    }

    private static Optional<Install> cargo(Call call) {
        Call.Options options = call.options(CARGO_VALUE_OPTIONS);
        List<Call.Arg> operands = options.operands();
        if (operands.isEmpty() || !operands.get(0).value().equals("install") || options.has("--path")) {
            return Optional.empty();
        }
        List<Call.Arg> crates = operands.subList(1, operands.size());
        boolean version = options.has("--version", "--vers");
        boolean git = options.has("--git");
        boolean gitPinned = options.has("--rev", "--tag");
        boolean locked = options.has("--locked");
        List<Call.Arg> unpinned = new ArrayList<>();
        String reason;
        if (git && crates.isEmpty()) {
            if (!gitPinned || !locked) {
                options.find("--git").ifPresent(o -> unpinned.add(o.word()));
            }
        } else {
            for (Call.Arg crate : crates) {
                boolean pinned = crate.value().contains("@") || version || git && gitPinned;
                if (!pinned || !locked) {
                    unpinned.add(crate);
                }
            }
        }
        reason = "cargo install needs both the crate's version (--version, crate@version or --git with --rev/--tag)"
                + " and --locked (otherwise its dependencies are resolved anew, ignoring its Cargo.lock)";
        return Optional.of(new Install(call, "cargo install", "cargo", unpinned, reason,
                "cargo install --locked %s@<version>"));
    }

    /** The name part of a package word as written: before its version, extras or go module version. */
    static String bareName(String ecosystem, String spec) {
        if (ecosystem.equals("go")) {
            int at = spec.lastIndexOf('@');
            return at < 0 ? spec : spec.substring(0, at);
        }
        if (ecosystem.equals("conda") && spec.contains("::")) {
            return bareName(ecosystem, spec.substring(spec.indexOf("::") + 2));
        }
        int end = spec.length();
        for (int i = spec.startsWith("@") ? 1 : 0; i < spec.length(); i++) {
            if ("=<>!~;@: ".indexOf(spec.charAt(i)) >= 0) {
                end = i;
                break;
            }
        }
        return spec.substring(0, end);
    }

    /** The package name of a spec, lower case, for telling installer upgrades apart. */
    public static String name(String spec) {
        String s = spec.toLowerCase(Locale.ROOT);
        int end = s.length();
        for (int i = s.startsWith("@") ? 1 : 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("=<>!~[;@: ".indexOf(c) >= 0) {
                end = i;
                break;
            }
        }
        return s.substring(0, end);
    }
}
