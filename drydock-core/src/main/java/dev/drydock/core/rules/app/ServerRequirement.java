package dev.drydock.core.rules.app;

import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.rules.support.PackageListEdits;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.Servers;
import dev.drydock.core.rules.support.SystemPythonPackages;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Adds a production server to the manifest that declares the web framework, in the file's own
 * layout: in requirements.txt, a line in the framework's block of lines (at its alphabetical place
 * when the block is sorted, else at its end); in pyproject.toml, an element of
 * {@code [project] dependencies} next to the framework's. No edit for files checked with hashes
 * (an entry without one would fail the install), for a pyproject.toml with a lock file beside it
 * (uv.lock, poetry.lock, pdm.lock: the lock would no longer match it, so {@code uv sync --locked} and
 * {@code poetry install} refuse to install and {@code uv sync --frozen} installs without the server;
 * {@code uv add} or {@code poetry add} updates both) and for other manifest kinds.
 */
final class ServerRequirement {

    private ServerRequirement() {}

    static Optional<TextEdit> add(Project project, Container c, String requirement) {
        List<String> frameworks = new ArrayList<>(Servers.WSGI_FRAMEWORKS);
        frameworks.addAll(Servers.ASGI_FRAMEWORKS);
        frameworks.add("dash"); // a Flask application under the Dash object, served as app.server
        return addBeside(project, c, frameworks, requirement);
    }

    /** The requirement added next to the first of the {@code anchors} the container's manifests declare. */
    static Optional<TextEdit> addBeside(Project project, Container c, List<String> anchors, String requirement) {
        List<Dependency> found = AppFacts.dependencies(c, Ecosystem.PYPI, anchors);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Dependency framework = found.get(0);
        Manifest manifest = c.manifests().stream().filter(m -> m.dependencies().contains(framework)).findFirst().orElse(null);
        SourceFile file = manifest == null ? null : project.source(manifest.file()).orElse(null);
        if (file == null || framework.span() == null) {
            return Optional.empty();
        }
        if (manifest.kind() == ManifestKind.REQUIREMENTS_TXT) {
            return requirementsTxt(file, framework, requirement);
        }
        if (manifest.kind() == ManifestKind.PYPROJECT_TOML && framework.group() == null
                && manifest.lockFiles().stream().noneMatch(lock -> lock.ecosystem() == Ecosystem.PYPI)) {
            return pyproject(file, framework, requirement);
        }
        return Optional.empty();
    }

    /**
     * The server's distribution package added to the apt/apk install that installs the framework, for an
     * image whose Python packages all come from the distribution (no pip in the Dockerfile): a requirements
     * file would not reach the image. Empty otherwise.
     */
    static Optional<TextEdit> fromDistribution(Container c, String server) {
        if (SystemPythonPackages.usesPip(c)) {
            return Optional.empty();
        }
        List<String> frameworks = new ArrayList<>(Servers.WSGI_FRAMEWORKS);
        frameworks.addAll(Servers.ASGI_FRAMEWORKS);
        SystemPythonPackages.Installed framework = SystemPythonPackages.first(c, frameworks).orElse(null);
        if (framework == null || framework.run().script() == null) {
            return Optional.empty();
        }
        String pkg = SystemPythonPackages.serverPackage(framework.operation().manager(), server);
        if (pkg == null) {
            return Optional.empty();
        }
        return Optional.of(PackageListEdits.addAfter(c.build().dockerfile(), framework.run().instruction().file(),
                c.build().model().syntax().escapeChar(), framework.operation().packages(), framework.pkg(), pkg));
    }

    /** The distribution package {@link #fromDistribution} adds, for messages. */
    static String distributionPackage(Container c, String server) {
        List<String> frameworks = new ArrayList<>(Servers.WSGI_FRAMEWORKS);
        frameworks.addAll(Servers.ASGI_FRAMEWORKS);
        return SystemPythonPackages.first(c, frameworks)
                .map(f -> SystemPythonPackages.serverPackage(f.operation().manager(), server)).orElse(server);
    }

    /** Whether the image installs the server's command from the distribution (Debian's gunicorn package). */
    static boolean installedFromDistribution(Container c, String server) {
        return SystemPythonPackages.of(c).stream().anyMatch(i -> i.pypiName().equals(server)
                && i.pkg().name().equals(SystemPythonPackages.serverPackage(i.operation().manager(), server)));
    }

    private static Optional<TextEdit> requirementsTxt(SourceFile file, Dependency framework, String requirement) {
        if (file.text().contains("--hash")) {
            return Optional.empty();
        }
        int line = framework.line();
        int first = line;
        while (first > 1 && isRequirement(file.line(first - 1))) {
            first--;
        }
        int last = line;
        while (last < file.lineCount() && isRequirement(file.line(last + 1))) {
            last++;
        }
        List<String> names = new ArrayList<>();
        for (int l = first; l <= last; l++) {
            names.add(name(file.line(l)));
        }
        String name = name(requirement);
        boolean sorted = true;
        for (int i = 1; i < names.size(); i++) {
            sorted &= names.get(i - 1).compareTo(names.get(i)) <= 0;
        }
        int after = last;
        if (sorted) {
            after = first - 1;
            for (int l = first; l <= last && names.get(l - first).compareTo(name) < 0; l++) {
                after = l;
            }
        }
        if (after < first) {
            return Optional.of(TextEdit.insert(file.path(), file.lineStart(first), requirement + "\n"));
        }
        boolean endsFile = after == file.lineCount();
        return Optional.of(endsFile
                ? TextEdit.insert(file.path(), file.text().length(), (file.text().endsWith("\n") ? "" : "\n") + requirement + "\n")
                : TextEdit.insert(file.path(), file.lineStart(after + 1), requirement + "\n"));
    }

    private static Optional<TextEdit> pyproject(SourceFile file, Dependency framework, String requirement) {
        int line = framework.line();
        String text = file.line(line);
        String trimmed = text.strip();
        if (!(trimmed.startsWith("\"") || trimmed.startsWith("'")) || text.indexOf(trimmed.charAt(0), text.indexOf(trimmed.charAt(0)) + 1) < 0) {
            return Optional.empty();
        }
        char quote = trimmed.charAt(0);
        String indent = text.substring(0, text.indexOf(trimmed));
        String element = indent + quote + requirement + quote + ",";
        if (trimmed.endsWith(",")) {
            return Optional.of(TextEdit.insert(file.path(), file.lineEnd(line), "\n" + element));
        }
        return Optional.of(TextEdit.insert(file.path(), file.lineStart(line), element + "\n"));
    }

    private static boolean isRequirement(String line) {
        String t = line.strip();
        return !t.isEmpty() && !t.startsWith("#") && !t.startsWith("-");
    }

    private static String name(String line) {
        String t = line.strip().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < t.length() && (Character.isLetterOrDigit(t.charAt(end)) || "._-".indexOf(t.charAt(end)) >= 0)) {
            end++;
        }
        return t.substring(0, end).replaceAll("[-_.]+", "-");
    }
}
