package dev.drydock.lsp;

import dev.drydock.core.config.ConfigFiles;
import dev.drydock.core.config.DrydockConfig;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.Review;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.Diagnostic;

/**
 * The latest review of each project an editor has files open in. A file belongs to the innermost
 * workspace folder that holds it (a whole repository, as {@code drydock review .} reads it), or, outside
 * every workspace folder, to its own folder (as {@code drydock review FILE} reads it).
 */
final class ProjectReviews {

    /** One finding at one of its places, where the editor shows it. */
    record Shown(Finding finding, Diagnostic diagnostic) {}

    /** A project's review, its findings grouped by the document (URI) they are in. */
    record Reviewed(Project project, Review review, Map<String, List<Shown>> byDocument) {}

    private final List<Path> workspaceFolders = new ArrayList<>();
    private final Map<Path, Reviewed> reviews = new ConcurrentHashMap<>();
    private final boolean shellcheck;

    ProjectReviews(boolean shellcheck) {
        this.shellcheck = shellcheck;
    }

    synchronized void workspaceFolders(List<Path> folders) {
        workspaceFolders.clear();
        folders.stream().map(p -> p.toAbsolutePath().normalize()).forEach(workspaceFolders::add);
        workspaceFolders.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    }

    synchronized Path projectOf(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        for (Path folder : workspaceFolders) {
            if (absolute.startsWith(folder)) {
                return folder;
            }
        }
        return absolute.getParent() == null ? absolute : absolute.getParent();
    }

    /** A new review and the one it replaces (null for the first). */
    record Update(Reviewed now, Reviewed before) {}

    /**
     * Reviews the project anew, reading the given unsaved texts (by root-relative path) instead of the disk,
     * and keeps the result. The configuration is read from disk: an edited {@code .drydock.yaml} counts once
     * saved.
     */
    Update review(Path root, Map<String, String> unsaved) {
        DrydockConfig config = ConfigFiles.forProject(root).withShellCheck(shellcheck);
        Project project = unsaved.isEmpty() ? config.loader().load(root) : config.loader().load(root, unsaved);
        Review review = config.reviewer().review(project);
        Map<String, List<Shown>> byDocument = new LinkedHashMap<>();
        for (Finding f : review.findings()) {
            for (Location place : f.places()) {
                if (place.file() == null) {
                    continue; // about the project as a whole: no line of any file to show it on
                }
                Diagnostic d = Diagnostics.of(f, place, project);
                byDocument.computeIfAbsent(QuickFixes.uri(project.root(), place.file()), k -> new ArrayList<>())
                        .add(new Shown(f, d));
            }
        }
        Reviewed reviewed = new Reviewed(project, review, byDocument);
        return new Update(reviewed, reviews.put(root, reviewed));
    }

    Optional<Reviewed> latest(Path root) {
        return Optional.ofNullable(reviews.get(root));
    }
}
