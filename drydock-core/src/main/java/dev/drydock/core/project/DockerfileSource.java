package dev.drydock.core.project;

import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.syntax.Dockerfile;
import dev.drydock.core.source.SourceFile;

/**
 * A Dockerfile as read: its text, its syntax tree and its model with default build options; the
 * tree and model are null when it does not parse (the error is among the project's diagnostics).
 */
public record DockerfileSource(SourceFile file, Dockerfile syntax, DockerfileModel model) {

    public boolean parsed() {
        return syntax != null;
    }
}
