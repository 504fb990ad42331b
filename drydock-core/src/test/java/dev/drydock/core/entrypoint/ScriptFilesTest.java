package dev.drydock.core.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.source.SourceFile;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScriptFilesTest {

    @Test
    void aCachedScriptIsFoundAndParsedOnce() {
        AtomicInteger finds = new AtomicInteger();
        ScriptFiles files = ScriptFiles.cached(path -> {
            finds.incrementAndGet();
            return path.equals("/app/start.sh") ? Optional.of(SourceFile.of("start.sh", "#!/bin/sh\nexec gunicorn app:app\n"))
                    : Optional.empty();
        });
        ShellScript first = files.parsed("/app/start.sh").orElseThrow();
        assertThat(files.parsed("/app/start.sh")).containsSame(first);
        assertThat(files.find("/app/start.sh")).containsSame(first.text().file());
        assertThat(files.parsed("/app/other.sh")).isEmpty();
        assertThat(files.parsed("/app/other.sh")).isEmpty();
        assertThat(finds).hasValue(2);
        assertThat(ScriptFiles.cached(files)).isSameAs(files);
    }

    @Test
    void imagesThatCopyTheSameFileShareOneParse() {
        java.util.Map<String, ShellScript> parses = new java.util.concurrent.ConcurrentHashMap<>();
        ScriptFiles web = ScriptFiles.cached(path -> Optional.of(SourceFile.of("start.sh", "exec gunicorn app:app\n")), parses);
        ScriptFiles worker = ScriptFiles.cached(path -> Optional.of(SourceFile.of("start.sh", "exec gunicorn app:app\n")), parses);
        ScriptFiles edited = ScriptFiles.cached(path -> Optional.of(SourceFile.of("start.sh", "exec celery worker\n")), parses);
        ShellScript first = web.parsed("/srv/start.sh").orElseThrow();
        assertThat(worker.parsed("/app/start.sh")).containsSame(first);
        assertThat(edited.parsed("/app/start.sh").orElseThrow().commands().get(0).name()).isEqualTo("celery");
    }

    @Test
    void aProjectFileReadByPathSharesTheParseOfItsCopy() {
        SourceFile start = SourceFile.of("start.sh", "#!/bin/sh\ncd /srv\nexec gunicorn app:app\n");
        ScriptFiles files = ScriptFiles.cached(path -> path.endsWith("/start.sh") ? Optional.of(start) : Optional.empty());
        ShellScript copied = files.parsed("/app/start.sh").orElseThrow();
        assertThat(files.parsed(start)).isSameAs(copied);
        EntryPoint read = EntryPoints.interpretScript(copied, java.util.Map.of(), "/", files);
        assertThat(read.args()).containsExactly("gunicorn", "app:app");
        assertThat(read.workdir()).isEqualTo("/srv");
        assertThat(read).isEqualTo(EntryPoints.interpret(java.util.List.of(start.text()), true, java.util.Map.of(), "/"));
    }

    @Test
    void aScriptNamedWithoutItsPathIsFoundInTheFolderOfPathItWasCopiedTo() {
        SourceFile start = SourceFile.of("start-app", "#!/bin/sh\nexec gunicorn --bind 0.0.0.0:8000 app:app\n");
        ScriptFiles files = path -> path.equals("/usr/local/bin/start-app") ? Optional.of(start) : Optional.empty();
        EntryPoint read = EntryPoints.interpret(
                new Invocation(java.util.List.of("start-app"), false, java.util.Map.of(), "/app"), files);
        assertThat(read.runtime()).isEqualTo(Runtime.GUNICORN);
        assertThat(read.scripts()).containsExactly("/usr/local/bin/start-app");
        EntryPoint elsewhere = EntryPoints.interpret(
                new Invocation(java.util.List.of("start-app"), false, java.util.Map.of("PATH", "/opt/tools"), "/app"),
                path -> path.equals("/opt/tools/start-app") ? Optional.of(start) : Optional.empty());
        assertThat(elsewhere.scripts()).containsExactly("/opt/tools/start-app");
    }
}
