package dev.drydock.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery must stay linear: thousands of repositories, some with tens of thousands of files. */
class DiscoveryScaleTest {

    @Test
    void walksFiftyThousandFiles(@TempDir Path root) throws IOException {
        int folders = 250;
        int perFolder = 200;
        byte[] empty = new byte[0];
        for (int d = 0; d < folders; d++) {
            Path folder = Files.createDirectories(root.resolve("pkg" + d / 25).resolve("mod" + d));
            for (int f = 0; f < perFolder; f++) {
                Files.write(folder.resolve(f % 2 == 0 ? "m" + f + ".py" : "data" + f + ".bin"), empty);
            }
            Files.write(folder.resolve("Dockerfile"), empty);
        }
        ProjectLayout layout = new ProjectScanner().scan(root);
        assertThat(layout.sources()).hasSize(folders * perFolder / 2);
        assertThat(layout.dockerfiles()).hasSize(folders);
    }

    @Test
    void layoutLookupsOverAThousandFolders() {
        int n = 200_000;
        List<ProjectEntry> entries = new ArrayList<>(n);
        for (int i = n - 1; i >= 0; i--) {
            String dir = "svc" + (i % 1000);
            entries.add(new ProjectEntry(dir + "/f" + i + ".py", FileType.PYTHON_SOURCE, 0, false));
            if (i % 200 == 0) {
                entries.add(new ProjectEntry(dir + "/requirements-" + i + ".txt", FileType.REQUIREMENTS_TXT, 0, false));
            }
        }
        ProjectLayout layout = new ProjectLayout(Path.of("/"), entries, List.of(), List.of(), List.of());
        int found = 0;
        for (int s = 0; s < 1000; s++) {
            found += layout.manifestsUnder("svc" + s).size();
            found += layout.under(FileKind.SOURCE, "svc" + s).size();
        }
        assertThat(found).isEqualTo(n / 200 + n);
    }
}
