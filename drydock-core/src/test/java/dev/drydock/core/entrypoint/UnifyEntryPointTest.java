package dev.drydock.core.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.ProjectFiles;
import dev.drydock.core.discovery.ProjectLayout;
import dev.drydock.core.discovery.ProjectScanner;
import dev.drydock.core.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Discovery, entry points and the COPY mapping together on the shared example, the way the project
 * model wires them: from {@code CMD ["python", "app.py"]} to the context file that starts Flask's
 * development server. The Dockerfile facts are written out here (WORKDIR /app, COPY requirements.txt .,
 * COPY . ., its ENV); reading them is the Dockerfile reader's job.
 */
class UnifyEntryPointTest {

    @Test
    void fromTheCommandToTheFileThatRunsTheServer() {
        Path root = SharedData.resolve("examples/unify");
        ProjectLayout layout = new ProjectScanner().scan(root);
        ProjectFiles files = ProjectFiles.open(root);
        String dockerfile = layout.dockerfiles().get(0).path();

        EntryPoint entry = EntryPoints.interpret(new Invocation(List.of("python", "app.py"), false, Map.of(
                "PYTHONPATH", "/app/src", "FLASK_APP", "app.py", "FLASK_ENV", "production", "PYTHONUNBUFFERED", "1"), "/app"));
        assertThat(entry.runtime()).isEqualTo(Runtime.PYTHON);

        String context = "";
        ContextPaths paths = new ContextPaths(
                List.of(Copy.of("requirements.txt", ".", "/app"), Copy.of(".", ".", "/app")),
                path -> files.isDirectory(files.resolve(context, path)));
        String source = paths.toContext(entry.targetFiles().get(0)).orElseThrow();
        assertThat(source).isEqualTo("app.py");
        assertThat(layout.entry(source).orElseThrow().type()).isEqualTo(FileType.PYTHON_SOURCE);
        assertThat(files.read(source).file().text()).contains("app.run(");

        // the package the app imports is found through PYTHONPATH=/app/src
        assertThat(entry.searchPath()).containsExactly("/app", "/app/src");
        assertThat(paths.toContext("/app/src/unify/__init__.py")).contains("src/unify/__init__.py");
        assertThat(layout.dockerignoreFor(dockerfile, context)).isPresent();
    }
}
