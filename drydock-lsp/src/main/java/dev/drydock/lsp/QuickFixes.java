package dev.drydock.lsp;

import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.Finding;
import dev.drydock.core.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.WorkspaceEdit;

/**
 * A finding's fix as a quick fix: the same text edits {@code drydock fix} applies, on the files as drydock
 * read them. A fix that creates a file, or edits one drydock did not read, is not offered: the editor
 * would apply it to text drydock has not seen. Unsafe fixes say that they change behaviour.
 */
final class QuickFixes {

    private QuickFixes() {}

    static Optional<CodeAction> of(Project project, Finding finding, Diagnostic diagnostic) {
        Fix fix = finding.fix();
        if (fix == null || fix.safety() == FixSafety.SUGGESTION || fix.safety() == FixSafety.NONE) {
            return Optional.empty();
        }
        Map<String, List<org.eclipse.lsp4j.TextEdit>> changes = new LinkedHashMap<>();
        for (TextEdit edit : fix.edits()) {
            Optional<SourceFile> file = project.source(edit.file());
            if (file.isEmpty() || edit.end() > file.get().text().length()) {
                return Optional.empty();
            }
            String lineEnding = file.get().text().contains("\r\n") ? "\r\n" : "\n";
            changes.computeIfAbsent(uri(project.root(), edit.file()), k -> new ArrayList<>())
                    .add(new org.eclipse.lsp4j.TextEdit(Positions.range(file.get(), edit.start(), edit.end()),
                            edit.replacement().replace("\n", lineEnding)));
        }
        CodeAction action = new CodeAction("drydock: " + fix.title()
                + (fix.safety() == FixSafety.UNSAFE ? " (changes behaviour: review it)" : ""));
        action.setKind(CodeActionKind.QuickFix);
        action.setDiagnostics(List.of(diagnostic));
        action.setIsPreferred(fix.safety() == FixSafety.SAFE);
        action.setEdit(new WorkspaceEdit(changes));
        return Optional.of(action);
    }

    static String uri(Path root, String file) {
        return root.resolve(file).toAbsolutePath().normalize().toUri().toString();
    }
}
