package dev.drydock.core.manifest;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pip requirements file ({@code requirements*.txt}), read the way pip reads it:
 *
 * <ol>
 *   <li>a line ending in {@code \} continues on the next one (backslashes at both ends of the
 *       continued line are dropped), unless it is a comment line;
 *   <li>a {@code #} at the start of a line or after white space starts a comment ({@code #} inside
 *       a word, as in URL fragments, does not);
 *   <li>{@code ${VAR}} (upper-case letters, digits, {@code _}) is an environment variable that pip
 *       substitutes at install time: it is kept as written and listed per requirement;
 *   <li>the words before the first word starting with {@code -} are the requirement (a PEP 508
 *       specification, a URL, a VCS URL or a local path), the rest are options: per requirement
 *       {@code --hash}, {@code --config-settings}, {@code --global-option}; alone on a line the
 *       global options ({@code -r}, {@code -c}, {@code -e}, {@code -i}, {@code --extra-index-url},
 *       {@code -f}, {@code --trusted-host}, {@code --no-binary}, {@code --only-binary},
 *       {@code --require-hashes}, {@code --pre}, ...), long ones also as unambiguous prefixes.
 * </ol>
 *
 * Lines pip would refuse become error diagnostics; reading never throws.
 */
public final class RequirementsTxt {

    public enum IncludeKind { REQUIREMENTS, CONSTRAINTS }

    /** A {@code -r}/{@code --requirement} or {@code -c}/{@code --constraint} line; the caller resolves the path. */
    public record Include(IncludeKind kind, String path, Span span) {}

    /**
     * An option as written, under its long name ({@code --index-url}, {@code --hash}, ...); flags
     * have an empty value.
     */
    public record Option(String name, String value, Span span) {}

    /**
     * One requirement line.
     *
     * @param text the requirement as written (without options)
     * @param name the project name, or null when pip learns it only by building (a local path or
     *     URL without {@code #egg=} or wheel file name)
     * @param url the direct reference: {@code name @ url}, a plain or VCS URL, or a local path
     * @param editable whether it came from {@code -e}/{@code --editable}
     * @param hashes the {@code --hash} values ({@code sha256:...})
     * @param options other per-requirement options
     * @param environmentVariables the {@code ${VAR}} names it refers to
     * @param ignoredOptions the options of the whole file written after the requirement on its line
     *     ({@code torch --index-url URL}), which pip parses and drops
     */
    public record Requirement(String text, String name, List<String> extras, List<VersionSpecifier> specifiers,
            String marker, String url, boolean editable, List<String> hashes, List<Option> options,
            List<String> environmentVariables, Span span, List<Option> ignoredOptions) {

        public Requirement {
            extras = List.copyOf(extras);
            specifiers = List.copyOf(specifiers);
            hashes = List.copyOf(hashes);
            options = List.copyOf(options);
            environmentVariables = List.copyOf(environmentVariables);
            ignoredOptions = List.copyOf(ignoredOptions);
        }

        /** The PEP 503 name, or "" when the name is unknown. */
        public String normalizedName() {
            return name == null ? "" : Ecosystem.normalizePypi(name);
        }

        /** {@code ==} without wildcard, or {@code ===}. */
        public boolean isPinned() {
            return specifiers.stream().anyMatch(VersionSpecifier::isExact);
        }

        public boolean hasHashes() {
            return !hashes.isEmpty();
        }

        /** The highest lower bound of the version clauses (see {@link PythonRequirement#lowerBound()}). */
        public Optional<String> lowerBound() {
            return PythonRequirement.lowerBound(specifiers);
        }

        /** The version constraint as text: the clauses, {@code "@ url"} or "". */
        public String constraint() {
            if (url != null) {
                return "@ " + url;
            }
            return String.join(",", specifiers.stream().map(VersionSpecifier::toString).toList());
        }

        public boolean isUrl() {
            return url != null && URL.matcher(url).lookingAt();
        }

        public boolean isVcs() {
            return url != null && VCS.matcher(url).lookingAt();
        }

        public boolean isLocalPath() {
            return url != null && !isUrl();
        }

        public int line() {
            return span.startLine();
        }
    }

    private static final Pattern COMMENT = Pattern.compile("(^|\\s+)#");
    /** A conda match spec that pip rejects: a single = before the version, a channel:: prefix, or a spaced version. */
    private static final Pattern CONDA_ONLY_SPEC = Pattern.compile(
            "(?:[A-Za-z0-9_.-]+::\\S+|[A-Za-z0-9_.-]+=[^=<>~!\\s]\\S*|[A-Za-z0-9_.-]+\\s+[0-9*][^\\s;]*(?:\\s+\\S+)?)");
    private static final Pattern ENV_VAR = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    static final Pattern URL = Pattern.compile("(?i)(?:(?:git|hg|svn|bzr)\\+)?[a-z][a-z0-9+.-]*://|file:");
    static final Pattern VCS = Pattern.compile("(?i)(?:git|hg|svn|bzr)\\+");
    private static final Pattern EGG = Pattern.compile("[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)");
    private static final Pattern ARCHIVE = Pattern.compile("(?i).*\\.(?:whl|zip|tar\\.gz|tgz|tar|tar\\.bz2|tbz|tar\\.xz|txz|tar\\.lz|tlz)$");

    /** Known options: long name, short name (or null), whether it takes a value, per requirement. */
    private record OptionSpec(String longName, String shortName, boolean takesValue, boolean perRequirement) {}

    private static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("--requirement", "-r", true, false),
            new OptionSpec("--constraint", "-c", true, false),
            new OptionSpec("--editable", "-e", true, false),
            new OptionSpec("--index-url", "-i", true, false),
            new OptionSpec("--extra-index-url", null, true, false),
            new OptionSpec("--no-index", null, false, false),
            new OptionSpec("--find-links", "-f", true, false),
            new OptionSpec("--trusted-host", null, true, false),
            new OptionSpec("--no-binary", null, true, false),
            new OptionSpec("--only-binary", null, true, false),
            new OptionSpec("--prefer-binary", null, false, false),
            new OptionSpec("--require-hashes", null, false, false),
            new OptionSpec("--pre", null, false, false),
            new OptionSpec("--use-feature", null, true, false),
            new OptionSpec("--hash", null, true, true),
            new OptionSpec("--config-settings", null, true, true),
            new OptionSpec("--global-option", null, true, true));

    private final SourceFile file;
    private final List<Requirement> requirements;
    private final List<Include> includes;
    private final List<Option> options;
    private final List<Diagnostic> diagnostics;

    private RequirementsTxt(SourceFile file, List<Requirement> requirements, List<Include> includes, List<Option> options,
            List<Diagnostic> diagnostics) {
        this.file = file;
        this.requirements = List.copyOf(requirements);
        this.includes = List.copyOf(includes);
        this.options = List.copyOf(options);
        this.diagnostics = List.copyOf(diagnostics);
    }

    public static RequirementsTxt parse(SourceFile file) {
        if (condaSpecList(file.text())) {
            return new RequirementsTxt(file, List.of(), List.of(), List.of(), List.of());
        }
        Reader reader = new Reader(file);
        reader.read();
        return new RequirementsTxt(file, reader.requirements, reader.includes, reader.options, reader.diagnostics);
    }

    /**
     * Whether the text is a list of conda package specs (what {@code conda install --file}, {@code mamba install
     * --file} and {@code micromamba install --file} read, and {@code conda list --export} writes): an
     * {@code @EXPLICIT} list of package URLs, or lines of which at least one uses a form only conda accepts
     * ({@code name=1.2}, {@code name=1.2=build}, {@code channel::name}, {@code name 1.2}) and none is a pip option.
     * Such a file is not pip's: it has no requirements to read and nothing to complain about.
     */
    static boolean condaSpecList(String text) {
        boolean condaOnly = false;
        for (String raw : text.split("\\R")) {
            String line = raw.substring(0, commentStart(raw)).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("@EXPLICIT")) {
                return true;
            }
            if (line.startsWith("-")) {
                return false;
            }
            condaOnly |= CONDA_ONLY_SPEC.matcher(line).matches();
        }
        return condaOnly;
    }

    private static int commentStart(String line) {
        Matcher comment = COMMENT.matcher(line);
        return comment.find() ? comment.start() : line.length();
    }

    /** Whether a file name is one pip users give requirements files ({@code requirements*.txt}, {@code *.txt} under requirements/). */
    public static boolean isRequirementsFileName(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        String base = lower.substring(lower.lastIndexOf('/') + 1);
        return (base.startsWith("requirements") && base.endsWith(".txt"))
                || (base.endsWith(".txt") && lower.contains("requirements/"))
                || base.equals("constraints.txt");
    }

    public SourceFile file() {
        return file;
    }

    /** Requirements in file order, editable ones included. */
    public List<Requirement> requirements() {
        return requirements;
    }

    public List<Include> includes() {
        return includes;
    }

    /** Global options in file order (includes and editables are reported separately). */
    public List<Option> options() {
        return options;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public Optional<Requirement> requirement(String name) {
        String wanted = Ecosystem.normalizePypi(name);
        return requirements.stream().filter(r -> r.normalizedName().equals(wanted)).findFirst();
    }

    public Optional<String> indexUrl() {
        return optionValues("--index-url").stream().reduce((a, b) -> b);
    }

    public List<String> extraIndexUrls() {
        return optionValues("--extra-index-url");
    }

    public List<String> findLinks() {
        return optionValues("--find-links");
    }

    public List<String> trustedHosts() {
        return optionValues("--trusted-host");
    }

    public List<String> noBinary() {
        return optionValues("--no-binary");
    }

    public List<String> onlyBinary() {
        return optionValues("--only-binary");
    }

    public boolean requireHashes() {
        return hasOption("--require-hashes");
    }

    public boolean pre() {
        return hasOption("--pre");
    }

    public boolean noIndex() {
        return hasOption("--no-index");
    }

    public boolean hasOption(String longName) {
        return options.stream().anyMatch(o -> o.name().equals(longName));
    }

    public List<String> optionValues(String longName) {
        return options.stream().filter(o -> o.name().equals(longName)).map(Option::value).toList();
    }

    /** Every requirement has exactly one version ({@code ==}/{@code ===}) or it is the file's only kind of line. */
    public boolean allPinned() {
        return requirements.stream().allMatch(Requirement::isPinned);
    }

    public boolean allHashed() {
        return !requirements.isEmpty() && requirements.stream().allMatch(Requirement::hasHashes);
    }

    public Manifest toManifest() {
        return toManifest(List.of());
    }

    /** The common view; {@code siblings} (names in the file's folder) tell which lock files exist. */
    public Manifest toManifest(Collection<String> siblings) {
        List<Dependency> deps = new ArrayList<>();
        for (Requirement r : requirements) {
            String name = r.name() != null ? r.name() : r.text();
            String normalized = r.name() != null ? r.normalizedName() : r.text();
            deps.add(new Dependency(name, normalized, r.constraint(), r.isPinned(), Scope.MAIN,
                    r.editable() ? "editable" : null, r.span(), r.extras()));
        }
        return new Manifest(Ecosystem.PYPI, ManifestKind.REQUIREMENTS_TXT, file.path(), deps,
                LockFile.among(siblings, Ecosystem.PYPI), diagnostics);
    }

    /** Reads the file line by line; keeps positions through joined lines with {@link MappedText}. */
    private static final class Reader {
        private final SourceFile file;
        final List<Requirement> requirements = new ArrayList<>();
        final List<Include> includes = new ArrayList<>();
        final List<Option> options = new ArrayList<>();
        final List<Diagnostic> diagnostics = new ArrayList<>();

        Reader(SourceFile file) {
            this.file = file;
        }

        void read() {
            MappedText.Builder pending = null;
            for (int n = 1; n <= file.lineCount(); n++) {
                int start = n == 1 ? Math.max(file.lineStart(1), file.contentStart()) : file.lineStart(n);
                int end = file.lineEnd(n);
                String line = file.text().substring(start, end);
                boolean comment = isCommentLine(line);
                if (!line.endsWith("\\") || comment) {
                    MappedText.Builder b = pending != null ? pending : MappedText.builder(file);
                    if (comment) {
                        b.appendSynthetic(" ", start);
                    }
                    b.append(start, end);
                    logicalLine(b.build());
                    pending = null;
                } else {
                    if (pending == null) {
                        pending = MappedText.builder(file);
                    }
                    int s = start;
                    int e = end;
                    while (s < e && file.text().charAt(s) == '\\') {
                        s++;
                    }
                    while (e > s && file.text().charAt(e - 1) == '\\') {
                        e--;
                    }
                    pending.append(s, e);
                }
            }
            if (pending != null) {
                logicalLine(pending.build());
            }
        }

        private static boolean isCommentLine(String line) {
            int i = 0;
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            return i < line.length() && line.charAt(i) == '#';
        }

        private void logicalLine(MappedText mapped) {
            String text = mapped.text();
            Matcher comment = COMMENT.matcher(text);
            int cut = comment.find() ? comment.start() : text.length();
            int start = 0;
            int end = cut;
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            if (start == end) {
                return;
            }
            // words before the first word starting with '-' form the requirement (split on ' ' as pip does)
            int argsEnd = start;
            int i = start;
            while (i < end) {
                int wordEnd = text.indexOf(' ', i);
                if (wordEnd < 0 || wordEnd > end) {
                    wordEnd = end;
                }
                if (text.startsWith("-", i)) {
                    break;
                }
                argsEnd = wordEnd;
                i = wordEnd + 1;
            }
            int optionsStart = Math.min(i, end);
            List<Token> tokens = tokenize(mapped, optionsStart, end);
            if (tokens == null) {
                return;
            }
            String args = text.substring(start, argsEnd).trim();
            if (args.isEmpty()) {
                optionLine(mapped, tokens);
            } else {
                int argsStart = start;
                int argsStop = argsEnd;
                while (argsStop > argsStart && Character.isWhitespace(text.charAt(argsStop - 1))) {
                    argsStop--;
                }
                requirementLine(mapped, args, mapped.fileSpan(argsStart, argsStop), tokens, false);
            }
        }

        /** A shell-like word with the text offsets it came from. */
        private record Token(String value, int start, int end) {}

        private List<Token> tokenize(MappedText mapped, int from, int to) {
            String text = mapped.text();
            List<Token> tokens = new ArrayList<>();
            int i = from;
            while (i < to) {
                while (i < to && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                if (i >= to) {
                    break;
                }
                int start = i;
                StringBuilder value = new StringBuilder();
                while (i < to && !Character.isWhitespace(text.charAt(i))) {
                    char c = text.charAt(i);
                    if (c == '\'' || c == '"') {
                        int close = text.indexOf(c, i + 1);
                        if (close < 0 || close >= to) {
                            diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, file, mapped.fileSpan(i, i + 1),
                                    "unclosed quotation in options"));
                            return null;
                        }
                        value.append(text, i + 1, close);
                        i = close + 1;
                    } else if (c == '\\' && i + 1 < to) {
                        value.append(text.charAt(i + 1));
                        i += 2;
                    } else {
                        value.append(c);
                        i++;
                    }
                }
                tokens.add(new Token(value.toString(), start, i));
            }
            return tokens;
        }

        /** A parsed option: its spec, value, and the span from its name to its value. */
        private record Parsed(OptionSpec spec, String value, Span span) {}

        private List<Parsed> parseOptions(MappedText mapped, List<Token> tokens) {
            List<Parsed> parsed = new ArrayList<>();
            for (int t = 0; t < tokens.size(); t++) {
                Token token = tokens.get(t);
                String word = token.value();
                OptionSpec spec;
                String value = null;
                if (word.startsWith("--")) {
                    int eq = word.indexOf('=');
                    String name = eq < 0 ? word : word.substring(0, eq);
                    spec = longOption(name);
                    if (spec == null) {
                        diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, file, mapped.fileSpan(token.start(), token.end()),
                                "pip does not know the option " + name));
                        return null;
                    }
                    if (eq >= 0) {
                        if (!spec.takesValue()) {
                            diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, file,
                                    mapped.fileSpan(token.start(), token.end()), spec.longName() + " takes no value"));
                            return null;
                        }
                        value = word.substring(eq + 1);
                    }
                } else if (word.startsWith("-") && word.length() >= 2) {
                    spec = shortOption(word.substring(0, 2));
                    if (spec == null) {
                        diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, file, mapped.fileSpan(token.start(), token.end()),
                                "pip does not know the option " + word.substring(0, 2)));
                        return null;
                    }
                    if (word.length() > 2) {
                        value = word.substring(2);
                    }
                } else {
                    diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, file, mapped.fileSpan(token.start(), token.end()),
                            "unexpected '" + word + "' among options"));
                    return null;
                }
                int end = token.end();
                if (spec.takesValue() && value == null) {
                    if (t + 1 >= tokens.size()) {
                        diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, file, mapped.fileSpan(token.start(), token.end()),
                                spec.longName() + " needs a value"));
                        return null;
                    }
                    Token next = tokens.get(++t);
                    value = next.value();
                    end = next.end();
                }
                parsed.add(new Parsed(spec, value == null ? "" : value, mapped.fileSpan(token.start(), end)));
            }
            return parsed;
        }

        private static OptionSpec longOption(String name) {
            OptionSpec prefixMatch = null;
            int matches = 0;
            for (OptionSpec spec : OPTIONS) {
                if (spec.longName().equals(name)) {
                    return spec;
                }
                if (name.length() > 2 && spec.longName().startsWith(name)) {
                    prefixMatch = spec;
                    matches++;
                }
            }
            return matches == 1 ? prefixMatch : null;
        }

        private static OptionSpec shortOption(String name) {
            return OPTIONS.stream().filter(s -> name.equals(s.shortName())).findFirst().orElse(null);
        }

        private void optionLine(MappedText mapped, List<Token> tokens) {
            List<Parsed> parsed = parseOptions(mapped, tokens);
            if (parsed == null) {
                return;
            }
            for (Parsed p : parsed) {
                switch (p.spec().longName()) {
                    case "--requirement" -> includes.add(new Include(IncludeKind.REQUIREMENTS, p.value(), p.span()));
                    case "--constraint" -> includes.add(new Include(IncludeKind.CONSTRAINTS, p.value(), p.span()));
                    case "--editable" -> {
                        String value = p.value();
                        requirementLine(mapped, value, p.span(), List.of(), true);
                    }
                    default -> {
                        if (p.spec().perRequirement()) {
                            diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, file, p.span(),
                                    p.spec().longName() + " belongs on a requirement line"));
                        } else {
                            options.add(new Option(p.spec().longName(), p.value(), p.span()));
                        }
                    }
                }
            }
        }

        private void requirementLine(MappedText mapped, String text, Span span, List<Token> tokens, boolean editable) {
            List<Parsed> parsed = parseOptions(mapped, tokens);
            if (parsed == null) {
                return;
            }
            List<String> hashes = new ArrayList<>();
            List<Option> reqOptions = new ArrayList<>();
            List<Option> ignored = new ArrayList<>();
            for (Parsed p : parsed) {
                if (!p.spec().perRequirement()) {
                    ignored.add(new Option(p.spec().longName(), p.value(), p.span()));
                    // pip parses a global option after a requirement and drops it: the requirement still installs
                    diagnostics.add(Diagnostic.at(Diagnostic.Level.WARNING, file, p.span(),
                            "pip ignores " + p.spec().longName() + " after a requirement on the same line (it takes"
                                    + " effect only on a line of its own)"));
                    continue;
                }
                if (p.spec().longName().equals("--hash")) {
                    hashes.add(p.value());
                } else {
                    reqOptions.add(new Option(p.spec().longName(), p.value(), p.span()));
                }
            }
            Set<String> variables = new LinkedHashSet<>();
            Matcher env = ENV_VAR.matcher(text);
            while (env.find()) {
                variables.add(env.group(1));
            }
            String req = text;
            String marker = null;
            boolean url = URL.matcher(req).lookingAt();
            String markerSeparator = url ? "; " : ";";
            int semi = url ? indexOfMarkerAfterUrl(req) : req.indexOf(';');
            if (semi >= 0) {
                marker = req.substring(semi + 1).trim();
                req = req.substring(0, semi).trim();
                if (marker.isEmpty()) {
                    diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, file, span, "expected an environment marker after '"
                            + markerSeparator.trim() + "'"));
                    return;
                }
            }
            if (url || looksLikePath(req) || (ARCHIVE.matcher(req).matches() && !req.contains("@"))) {
                String name = nameFromLink(req);
                requirements.add(new Requirement(text, name, List.of(), List.of(), marker, req, editable, hashes, reqOptions,
                        List.copyOf(variables), span, ignored));
                return;
            }
            if (editable) {
                diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, file, span,
                        "-e needs a local path or a VCS URL, not '" + text + "'"));
                return;
            }
            Pep508.Result result = Pep508.parse(text);
            if (!result.ok()) {
                Diagnostic.Level level = variables.isEmpty() ? Diagnostic.Level.ERROR : Diagnostic.Level.WARNING;
                String detail = variables.isEmpty() ? "" : " (it uses environment variables, substituted by pip)";
                diagnostics.add(Diagnostic.at(level, file, span, "invalid requirement '" + text + "': " + result.error() + detail));
                return;
            }
            PythonRequirement r = result.requirement();
            requirements.add(new Requirement(text, r.name(), r.extras(), r.specifiers(), r.marker(), r.url(), false, hashes,
                    reqOptions, List.copyOf(variables), span, ignored));
        }

        /** pip separates a URL from its marker by "; " (or ";" then tab). */
        private static int indexOfMarkerAfterUrl(String req) {
            for (int i = 0; i + 1 < req.length(); i++) {
                if (req.charAt(i) == ';' && Character.isWhitespace(req.charAt(i + 1))) {
                    return i;
                }
            }
            return -1;
        }

        private static boolean looksLikePath(String req) {
            int at = req.indexOf('@');
            String before = at >= 0 ? req.substring(0, at) : req;
            boolean pathy = before.contains("/") || before.startsWith(".") || before.startsWith("~");
            return pathy;
        }

        private static String nameFromLink(String link) {
            Matcher egg = EGG.matcher(link);
            if (egg.find()) {
                return egg.group(1);
            }
            String path = link;
            int cut = path.indexOf('#');
            if (cut >= 0) {
                path = path.substring(0, cut);
            }
            cut = path.indexOf('?');
            if (cut >= 0) {
                path = path.substring(0, cut);
            }
            String base = path.substring(path.lastIndexOf('/') + 1);
            if (base.toLowerCase(Locale.ROOT).endsWith(".whl")) {
                int dash = base.indexOf('-');
                return dash > 0 ? base.substring(0, dash) : null;
            }
            return null;
        }
    }
}
