package dev.drydock.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class PyProjectTest {

    private static int line(PyProject p, String name) {
        return p.dependency(name).orElseThrow().span().startLine();
    }

    @Test
    void pep621WithGroupsAndBuildSystem() {
        PyProject p = PyProject.parse(TestFiles.resource("pyproject-pep621.toml", "pyproject.toml"), List.of("uv.lock"));
        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.name()).contains("notes-api");
        assertThat(p.requiresPython()).contains(">=3.11");
        assertThat(p.requiresPythonSpan().orElseThrow().startLine()).isEqualTo(8);
        assertThat(p.usesPoetry()).isFalse();
        assertThat(p.buildBackend()).contains("hatchling.build");
        assertThat(p.buildRequires()).containsExactly("hatchling>=1.18");
        assertThat(p.dependencies(Scope.MAIN)).extracting(PyDependency::name)
                .containsExactly("fastapi", "uvicorn", "sqlalchemy", "pydantic");
        assertThat(line(p, "fastapi")).isEqualTo(10);
        assertThat(line(p, "uvicorn")).isEqualTo(11);
        assertThat(line(p, "SQLAlchemy")).isEqualTo(12);
        assertThat(line(p, "pydantic")).isEqualTo(13);
        assertThat(p.dependency("fastapi").orElseThrow().span().startColumn()).isEqualTo(5);
        assertThat(p.dependency("uvicorn").orElseThrow().pinned()).isTrue();
        assertThat(p.dependency("uvicorn").orElseThrow().requirement().extras()).containsExactly("standard");
        assertThat(p.dependency("pydantic").orElseThrow().requirement().marker()).isEqualTo("python_version >= '3.11'");
        PyDependency psycopg = p.dependency("psycopg").orElseThrow();
        assertThat(psycopg.scope()).isEqualTo(Scope.OPTIONAL);
        assertThat(psycopg.group()).isEqualTo("postgres");
        assertThat(psycopg.span().startLine()).isEqualTo(17);
        assertThat(line(p, "pytest")).isEqualTo(19);
        assertThat(p.dependency("pytest-cov").orElseThrow().group()).isEqualTo("test");
        assertThat(line(p, "pytest-cov")).isEqualTo(26);
        assertThat(p.dependency("ruff").orElseThrow().scope()).isEqualTo(Scope.DEV);
        assertThat(p.dependency("mypy").orElseThrow().source()).isEqualTo("uv");
        assertThat(line(p, "mypy")).isEqualTo(30);
        assertThat(p.dependency("hatchling").orElseThrow().scope()).isEqualTo(Scope.BUILD);
        assertThat(p.scripts()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("notes-api");
            assertThat(s.target()).isEqualTo("notes_api.main:run");
            assertThat(s.span().startLine()).isEqualTo(23);
        });
        assertThat(p.lockFiles()).containsExactly(LockFile.UV_LOCK);
        Manifest m = p.toManifest();
        assertThat(m.kind()).isEqualTo(ManifestKind.PYPROJECT_TOML);
        assertThat(m.hasDependency("FastAPI")).isTrue();
        assertThat(m.runtimeDependencies()).hasSize(4);
    }

    @Test
    void poetryTables() {
        PyProject p = PyProject.parse(TestFiles.resource("pyproject-poetry.toml", "pyproject.toml"));
        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.usesPoetry()).isTrue();
        assertThat(p.name()).contains("flask-notes");
        assertThat(p.requiresPython()).contains("^3.11");
        assertThat(p.requiresPythonSpan().orElseThrow().startLine()).isEqualTo(7);
        assertThat(p.dependency("flask").orElseThrow().constraint()).isEqualTo("^3.0.2");
        assertThat(p.dependency("flask").orElseThrow().pinned()).isFalse();
        assertThat(line(p, "flask")).isEqualTo(8);
        assertThat(p.dependency("gunicorn").orElseThrow().pinned()).isTrue();
        PyDependency psycopg = p.dependency("psycopg2-binary").orElseThrow();
        assertThat(psycopg.scope()).isEqualTo(Scope.OPTIONAL);
        assertThat(psycopg.constraint()).isEqualTo("~2.9");
        assertThat(psycopg.span().startLine()).isEqualTo(10);
        assertThat(p.dependency("mylib").orElseThrow().constraint()).isEqualTo("git https://github.com/example/mylib.git tag=v1.2");
        assertThat(p.dependency("numpy").orElseThrow().constraint()).isEqualTo("<1.25 | ^1.26");
        assertThat(line(p, "numpy")).isEqualTo(12);
        PyDependency pytest = p.dependency("pytest").orElseThrow();
        assertThat(pytest.scope()).isEqualTo(Scope.DEV);
        assertThat(pytest.group()).isEqualTo("dev");
        assertThat(pytest.pinned()).isTrue();
        assertThat(line(p, "pytest")).isEqualTo(18);
        assertThat(line(p, "black")).isEqualTo(19);
        assertThat(line(p, "mypy")).isEqualTo(22);
        assertThat(p.scripts()).extracting(PyProject.EntryPoint::target).containsExactly("notes.cli:main");
        assertThat(p.poetryPackages()).singleElement().satisfies(pp -> {
            assertThat(pp.include()).isEqualTo("notes");
            assertThat(pp.from()).isEqualTo("src");
            assertThat(pp.span().startLine()).isEqualTo(4);
        });
        assertThat(p.dependency("poetry-core").orElseThrow().scope()).isEqualTo(Scope.BUILD);
    }

    @Test
    void extrasOfPoetryAndPipenvTables() {
        PyProject p = PyProject.parse(SourceFile.of("pyproject.toml", """
                [tool.poetry.dependencies]
                python = "^3.11"
                fastapi = { extras = ["all"], version = "^0.111.0" }
                celery = [{ version = "^5.4", extras = ["redis"], markers = "sys_platform == 'linux'" },
                          { version = "^5.4", extras = ["redis", "msgpack"] }]
                httpx = "^0.27"
                """));
        assertThat(p.dependency("fastapi").orElseThrow().extras()).containsExactly("all");
        assertThat(p.dependency("fastapi").orElseThrow().toDependency().extras()).containsExactly("all");
        assertThat(p.dependency("celery").orElseThrow().extras()).containsExactly("redis", "msgpack");
        assertThat(p.dependency("httpx").orElseThrow().extras()).isEmpty();
        Pipfile pipfile = Pipfile.parse(SourceFile.of("Pipfile", "[packages]\nfastapi = {extras = [\"standard\"], version = \"*\"}\n"),
                List.of("Pipfile"));
        assertThat(pipfile.dependency("fastapi").orElseThrow().extras()).containsExactly("standard");
    }

    @Test
    void poetryPinning() {
        assertThat(PyProject.poetryPinned("1.2.3")).isTrue();
        assertThat(PyProject.poetryPinned("==1.2.3")).isTrue();
        assertThat(PyProject.poetryPinned("^1.2.3")).isFalse();
        assertThat(PyProject.poetryPinned("~1.2")).isFalse();
        assertThat(PyProject.poetryPinned("*")).isFalse();
        assertThat(PyProject.poetryPinned("1.*")).isFalse();
        assertThat(PyProject.poetryPinned(">=1,<2")).isFalse();
    }

    @Test
    void invalidTomlIsAPositionedError() {
        assertThatThrownBy(() -> PyProject.parse(SourceFile.of("pyproject.toml", "[project]\nname = \"x\nversion = 1\n")))
                .isInstanceOf(SourceException.class)
                .satisfies(e -> assertThat(((SourceException) e).line()).isPositive());
    }

    @Test
    void badRequirementsAndShapesAreDiagnostics() {
        PyProject p = PyProject.parse(SourceFile.of("pyproject.toml",
                "[project]\nname = \"x\"\ndependencies = [\"ok>=1\", \"bad===\", 3]\noptional-dependencies = {a = \"nope\"}\n"));
        assertThat(p.dependencies()).extracting(PyDependency::name).containsExactly("ok");
        assertThat(p.diagnostics()).hasSize(3).allMatch(d -> d.line() >= 3);
    }

    @Test
    void pipfile() {
        Pipfile p = Pipfile.parse(TestFiles.resource("Pipfile", "Pipfile"), List.of("Pipfile", "Pipfile.lock"));
        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.sources()).singleElement().satisfies(s -> {
            assertThat(s.url()).isEqualTo("https://pypi.org/simple");
            assertThat(s.span().startLine()).isEqualTo(1);
        });
        assertThat(p.packages()).extracting(PyDependency::name).containsExactly("django", "requests", "celery", "pytest");
        assertThat(p.dependency("django").orElseThrow().pinned()).isTrue();
        assertThat(p.dependency("django").orElseThrow().span().startLine()).isEqualTo(7);
        assertThat(p.dependency("requests").orElseThrow().constraint()).isEqualTo("*");
        assertThat(p.dependency("celery").orElseThrow().constraint()).isEqualTo(">=5.3");
        assertThat(p.dependency("pytest").orElseThrow().scope()).isEqualTo(Scope.DEV);
        assertThat(p.dependency("pytest").orElseThrow().span().startLine()).isEqualTo(12);
        assertThat(p.pythonVersion()).contains("3.11");
        assertThat(p.pythonVersionSpan().orElseThrow().startLine()).isEqualTo(15);
        assertThat(p.hasLock()).isTrue();
        assertThat(p.toManifest().hasLockFile()).isTrue();
    }

    @Test
    void tomlPositionsFollowTheSyntax() {
        SourceFile f = SourceFile.of("x.toml", """
                a = "one # not a comment"   # comment
                'quoted.key' = 1
                b.c = [
                  '''multi
                line''', # comment ]
                  "two",
                ]
                [[arr]]
                x = 1
                [[arr]]
                x = { y = "z", w = [1, 2] }
                """);
        TomlPositions p = TomlPositions.scan(f);
        assertThat(p.entry("a").orElseThrow().startLine()).isEqualTo(1);
        assertThat(p.entry("quoted.key").orElseThrow().startLine()).isEqualTo(2);
        assertThat(p.entry("b", "c", "#0").orElseThrow().endLine()).isEqualTo(5);
        assertThat(p.entry("b", "c", "#1").orElseThrow().startLine()).isEqualTo(6);
        assertThat(p.entry("arr", "#0", "x").orElseThrow().startLine()).isEqualTo(9);
        assertThat(p.entry("arr", "#1", "x", "y").orElseThrow().startLine()).isEqualTo(11);
        assertThat(p.entry("arr", "#1", "x", "w", "#1").orElseThrow().startColumn()).isEqualTo(24);
    }

    @Test
    void poetrySourcesAndTheSourcesADependencyNames() {
        PyProject p = PyProject.parse(SourceFile.of("pyproject.toml", """
                [tool.poetry.dependencies]
                python = "^3.12"
                torch = {version = "^2.5.1", source = "pytorch-cpu"}
                Torch_Vision = [{version = "^0.20", source = "pytorch-cpu", markers = "sys_platform == 'linux'"},
                                {version = "^0.20", source = "PyPI", markers = "sys_platform == 'darwin'"}]
                fastapi = "^0.115.0"

                [[tool.poetry.source]]
                name = "pytorch-cpu"
                url = "https://download.pytorch.org/whl/cpu"
                priority = "explicit"

                [[tool.poetry.source]]
                name = "internal"
                url = "https://pypi.internal.example/simple"

                [[tool.poetry.source]]
                name = "legacy"
                url = "https://legacy.example/simple"
                secondary = true
                """));
        assertThat(p.poetrySources()).containsExactly(
                new PyProject.PoetrySource("pytorch-cpu", "https://download.pytorch.org/whl/cpu", "explicit"),
                new PyProject.PoetrySource("internal", "https://pypi.internal.example/simple", "primary"),
                new PyProject.PoetrySource("legacy", "https://legacy.example/simple", "secondary"));
        assertThat(p.poetrySourcesOf("torch")).containsExactly("pytorch-cpu");
        assertThat(p.poetrySourcesOf("torch-vision")).containsExactly("pytorch-cpu", "PyPI");
        assertThat(p.poetrySourcesOf("fastapi")).isEmpty();
    }
}
