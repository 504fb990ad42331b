package dev.drydock.core.manifest;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Bundler {@code Gemfile}, read line by line (it is Ruby, but the declarations drydock needs are
 * simple calls): {@code source}, {@code ruby}, {@code gemspec}, {@code gem 'name', 'req', ...,
 * key: value}, and {@code group :a, :b do ... end} blocks (other {@code do ... end},
 * {@code if/unless ... end} blocks are followed so that their {@code end} is not taken for a group's).
 */
public final class Gemfile {

    /**
     * A {@code gem} line.
     *
     * @param requirements version requirements as written ({@code "~> 7.1"}, {@code ">= 7.1.2"})
     * @param groups the groups from enclosing blocks and {@code group:}/{@code groups:} options
     * @param options other options as written ({@code require}, {@code git}, {@code path}, {@code platforms}, ...)
     */
    public record Gem(String name, List<String> requirements, List<String> groups, Map<String, String> options, Span span) {

        /** Exactly one version: a requirement {@code = 1.2.3} or a bare {@code 1.2.3}. */
        public boolean isPinned() {
            return requirements.stream().anyMatch(r -> EXACT.matcher(r).matches());
        }

        public String constraint() {
            return String.join(", ", requirements);
        }
    }

    public record Source(String url, Span span) {}

    private static final Pattern EXACT = Pattern.compile("\\s*=?\\s*[0-9][0-9A-Za-z.]*\\s*");
    private static final Pattern BLOCK_OPENER = Pattern.compile("^(if|unless|case|begin|while|until|def|class|module)\\b.*");
    private static final Pattern DO_BLOCK = Pattern.compile(".*\\bdo(\\s*\\|[^|]*\\|)?\\s*$");

    private final SourceFile file;
    private final List<Source> sources = new ArrayList<>();
    private final List<Gem> gems = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private String ruby;
    private Span rubySpan;
    private boolean gemspec;
    private Set<LockFile> lockFiles = Set.of();

    private Gemfile(SourceFile file) {
        this.file = file;
    }

    public static Gemfile parse(SourceFile file) {
        return parse(file, List.of());
    }

    /** Reads a Gemfile; {@code siblings} are the names in its folder (for Gemfile.lock). */
    public static Gemfile parse(SourceFile file, Collection<String> siblings) {
        Gemfile g = new Gemfile(file);
        g.lockFiles = LockFile.among(siblings, Ecosystem.RUBYGEMS);
        g.read();
        return g;
    }

    /** A Ruby literal or word with where it ends; {@code key} for {@code key:} / {@code :key =>} options. */
    private record Arg(String key, String value) {}

    private void read() {
        Deque<List<String>> blocks = new ArrayDeque<>();
        for (int n = 1; n <= file.lineCount(); n++) {
            int start = n == 1 ? Math.max(file.lineStart(1), file.contentStart()) : file.lineStart(n);
            String raw = file.text().substring(start, file.lineEnd(n));
            String line = stripComment(raw).trim();
            if (line.isEmpty()) {
                continue;
            }
            int lead = raw.indexOf(line.charAt(0));
            Span span = file.span(start + lead, start + lead + line.length());
            if (line.equals("end") || line.startsWith("end ") || line.startsWith("end.")) {
                if (blocks.isEmpty()) {
                    diagnostics.add(Diagnostic.at(Diagnostic.Level.WARNING, file, span, "'end' without a block"));
                } else {
                    blocks.pop();
                }
                continue;
            }
            String word = line.split("[\\s(]", 2)[0];
            String rest = line.substring(word.length()).trim();
            boolean opensDo = DO_BLOCK.matcher(line).matches();
            if (opensDo) {
                rest = rest.replaceFirst("\\bdo(\\s*\\|[^|]*\\|)?\\s*$", "").trim();
            }
            if (rest.startsWith("(")) {
                rest = rest.substring(1).replaceFirst("\\)\\s*$", "");
            }
            List<Arg> args = args(rest);
            switch (word) {
                case "group" -> {
                    List<String> groups = new ArrayList<>();
                    for (Arg a : args) {
                        if (a.key() == null) {
                            groups.add(a.value());
                        }
                    }
                    if (opensDo) {
                        blocks.push(groups);
                        continue;
                    }
                }
                case "source" -> {
                    if (!args.isEmpty() && args.get(0).key() == null) {
                        sources.add(new Source(args.get(0).value(), span));
                    }
                }
                case "ruby" -> {
                    if (!args.isEmpty()) {
                        ruby = args.get(0).key() == null ? args.get(0).value() : "file: " + args.get(0).value();
                        rubySpan = span;
                    }
                }
                case "gemspec" -> gemspec = true;
                case "gem" -> gem(args, blocks, span);
                default -> {
                    if (!opensDo && BLOCK_OPENER.matcher(line).matches() && !line.matches(".*\\bend\\s*$")) {
                        blocks.push(List.of());
                        continue;
                    }
                }
            }
            if (opensDo) {
                blocks.push(List.of());
            }
        }
        if (!blocks.isEmpty()) {
            diagnostics.add(new Diagnostic(Diagnostic.Level.WARNING, file.path(), file.lineCount(), 1,
                    blocks.size() + " block(s) not closed with 'end'"));
        }
    }

    private void gem(List<Arg> args, Deque<List<String>> blocks, Span span) {
        if (args.isEmpty() || args.get(0).key() != null || args.get(0).value().isEmpty()) {
            diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, file, span, "gem needs a name"));
            return;
        }
        String name = args.get(0).value();
        List<String> requirements = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        blocks.descendingIterator().forEachRemaining(groups::addAll);
        Map<String, String> options = new LinkedHashMap<>();
        for (Arg a : args.subList(1, args.size())) {
            if (a.key() == null) {
                requirements.add(a.value());
            } else if (a.key().equals("group") || a.key().equals("groups")) {
                for (String g : a.value().replaceAll("[\\[\\]:\\s\"']", " ").trim().split("[\\s,]+")) {
                    if (!g.isEmpty()) {
                        groups.add(g);
                    }
                }
            } else {
                options.put(a.key(), a.value());
            }
        }
        gems.add(new Gem(name, requirements, List.copyOf(groups), options, span));
    }

    /** Splits call arguments at top-level commas: strings, symbols, {@code key: value} and {@code :key => value}. */
    private static List<Arg> args(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                cur.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    cur.append(text.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[' || c == '{' || c == '(') {
                depth++;
            } else if (c == ']' || c == '}' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(cur.toString().trim());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        if (!cur.toString().isBlank()) {
            parts.add(cur.toString().trim());
        }
        List<Arg> args = new ArrayList<>();
        for (String p : parts) {
            var kv = java.util.regex.Pattern.compile("^:?([A-Za-z_][A-Za-z0-9_]*)(?::\\s+|\\s*=>\\s*)(.*)$").matcher(p);
            if (!p.startsWith("\"") && !p.startsWith("'") && kv.matches()) {
                args.add(new Arg(kv.group(1), literal(kv.group(2).trim())));
            } else {
                args.add(new Arg(null, literal(p)));
            }
        }
        return args;
    }

    private static String literal(String p) {
        if (p.length() >= 2 && (p.charAt(0) == '"' || p.charAt(0) == '\'') && p.charAt(p.length() - 1) == p.charAt(0)) {
            return p.substring(1, p.length() - 1);
        }
        if (p.startsWith(":")) {
            return p.substring(1);
        }
        return p;
    }

    private static String stripComment(String raw) {
        char quote = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                return raw.substring(0, i);
            }
        }
        return raw;
    }

    public SourceFile file() {
        return file;
    }

    public List<Source> sources() {
        return List.copyOf(sources);
    }

    /** The {@code ruby} version as written ({@code "3.3.0"}, or {@code "file: .ruby-version"}). */
    public Optional<String> ruby() {
        return Optional.ofNullable(ruby);
    }

    public Optional<Span> rubySpan() {
        return Optional.ofNullable(rubySpan);
    }

    public boolean hasGemspec() {
        return gemspec;
    }

    public List<Gem> gems() {
        return List.copyOf(gems);
    }

    public Optional<Gem> gem(String name) {
        return gems.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    public Set<LockFile> lockFiles() {
        return lockFiles;
    }

    public boolean hasLock() {
        return lockFiles.contains(LockFile.GEMFILE_LOCK);
    }

    public List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }

    /** Gems only in development groups are DEV; only in test (or development and test) groups TEST-or-DEV. */
    public Manifest toManifest() {
        List<Dependency> deps = gems.stream().map(g -> {
            Scope scope = Scope.MAIN;
            if (!g.groups().isEmpty() && g.groups().stream().allMatch(x -> x.equals("development") || x.equals("test"))) {
                scope = g.groups().contains("development") ? Scope.DEV : Scope.TEST;
            }
            return new Dependency(g.name(), g.name(), g.constraint(), g.isPinned(), scope,
                    g.groups().isEmpty() ? null : String.join(",", g.groups()), g.span());
        }).toList();
        return new Manifest(Ecosystem.RUBYGEMS, ManifestKind.GEMFILE, file.path(), deps, lockFiles, diagnostics);
    }
}
