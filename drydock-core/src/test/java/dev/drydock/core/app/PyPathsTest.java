package dev.drydock.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceFile;
import org.junit.jupiter.api.Test;

class PyPathsTest {

    private static String text(String module, String expr) {
        PyModule m = PyModule.read(SourceFile.of("site/settings.py", module));
        String t = PyPaths.text(m, Tok.tokenize(expr, false));
        return t == null ? null : PyPaths.resolve(t, "/app/site");
    }

    @Test
    void pathsBuiltFromTheModulesOwnFolder() {
        String module = """
                import os
                from pathlib import Path

                BASE_DIR = Path(__file__).resolve().parent.parent
                basedir = os.path.abspath(os.path.dirname(__file__))
                """;
        assertThat(text(module, "BASE_DIR / \"db.sqlite3\"")).isEqualTo("/app/site/../db.sqlite3");
        assertThat(text(module, "os.path.join(BASE_DIR, \"data\", \"db.sqlite3\")"))
                .isEqualTo("/app/site/../data/db.sqlite3");
        assertThat(text(module, "\"sqlite:///\" + os.path.join(basedir, \"app.db\")"))
                .isEqualTo("sqlite:////app/site/app.db");
        assertThat(text(module, "f\"sqlite:///{basedir}/app.db\"")).isEqualTo("sqlite:////app/site/app.db");
        assertThat(text(module, "str(BASE_DIR / \"db.sqlite3\")")).isEqualTo("/app/site/../db.sqlite3");
        assertThat(text(module, "\"/data/db.sqlite3\"")).isEqualTo("/data/db.sqlite3");
    }

    @Test
    void whatItCannotComputeIsUnknown() {
        String module = """
                import os
                DATA = os.environ["DATA_DIR"]
                """;
        assertThat(text(module, "os.path.join(DATA, \"db.sqlite3\")")).isNull();
        assertThat(text(module, "get_path()")).isNull();
        assertThat(text(module, "\"a\" * 2")).isNull();
    }

    @Test
    void aSettingReadFromTheEnvironmentWithADefault() {
        PyModule m = PyModule.read(SourceFile.of("config.py", ""));
        assertThat(PyPaths.setting(m, Tok.tokenize("os.environ.get(\"DB\", \"/data/x.db\")", false)))
                .isEqualTo(new PyPaths.Setting(null, "DB", "/data/x.db"));
        assertThat(PyPaths.setting(m, Tok.tokenize("os.getenv(\"DB\") or \"sqlite:///x.db\"", false)))
                .isEqualTo(new PyPaths.Setting(null, "DB", "sqlite:///x.db"));
        assertThat(PyPaths.setting(m, Tok.tokenize("os.environ[\"DB\"]", false)))
                .isEqualTo(new PyPaths.Setting(null, "DB", null));
        assertThat(PyPaths.setting(m, Tok.tokenize("os.environ.get(\"DB\", compute())", false))).isNull();
    }
}
