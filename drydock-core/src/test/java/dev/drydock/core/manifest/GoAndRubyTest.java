package dev.drydock.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoAndRubyTest {

    @Test
    void goMod() {
        GoMod mod = GoMod.parse(TestFiles.resource("go.mod", "go.mod"), List.of("go.mod", "go.sum", "main.go"));
        assertThat(mod.diagnostics()).isEmpty();
        assertThat(mod.module()).contains("github.com/example/notes");
        assertThat(mod.goVersion()).contains("1.22.1");
        assertThat(mod.goSpan().orElseThrow().startLine()).isEqualTo(3);
        assertThat(mod.toolchain()).contains("go1.22.3");
        assertThat(mod.requires()).extracting(GoMod.Require::path).containsExactly("github.com/gin-gonic/gin",
                "github.com/jackc/pgx/v5", "golang.org/x/crypto", "example.com/quoted");
        assertThat(mod.require("golang.org/x/crypto").orElseThrow().indirect()).isTrue();
        assertThat(mod.require("golang.org/x/crypto").orElseThrow().span().startLine()).isEqualTo(11);
        assertThat(mod.require("github.com/jackc/pgx/v5").orElseThrow().span().startColumn()).isEqualTo(2);
        assertThat(mod.require("github.com/gin-gonic/gin").orElseThrow().version()).isEqualTo("v1.9.1");
        assertThat(mod.replaces()).hasSize(2);
        assertThat(mod.replaces().get(0).newVersion()).isEqualTo("v1.2.0");
        assertThat(mod.replaces().get(1).isLocal()).isTrue();
        assertThat(mod.excludes()).singleElement().extracting(GoMod.Exclude::version).isEqualTo("v0.1.0");
        assertThat(mod.hasGoSum()).isTrue();
        Manifest m = mod.toManifest();
        assertThat(m.dependencies()).allMatch(Dependency::pinned);
        assertThat(m.hasDependency("github.com/gin-gonic/gin")).isTrue();
    }

    @Test
    void malformedGoModIsDiagnosed() {
        GoMod mod = GoMod.parse(SourceFile.of("go.mod", "modul x\nrequire a\nrequire (\n  b\n  c v1.0.0\n"));
        assertThat(mod.diagnostics()).extracting(d -> d.line()).containsExactly(1, 2, 4, 6, 1);
        assertThat(mod.requires()).extracting(GoMod.Require::path).containsExactly("c");
    }

    @Test
    void gemfile() {
        Gemfile g = Gemfile.parse(TestFiles.resource("Gemfile", "Gemfile"), List.of("Gemfile", "Gemfile.lock"));
        assertThat(g.diagnostics()).isEmpty();
        assertThat(g.sources()).extracting(Gemfile.Source::url).containsExactly("https://rubygems.org");
        assertThat(g.ruby()).contains("3.3.0");
        assertThat(g.rubySpan().orElseThrow().startLine()).isEqualTo(4);
        assertThat(g.hasGemspec()).isTrue();
        assertThat(g.hasLock()).isTrue();
        assertThat(g.gems()).extracting(Gemfile.Gem::name).containsExactly("rails", "pg", "puma", "bootsnap", "tzinfo-data",
                "debug", "web-console", "rack-mini-profiler", "rspec-rails");
        Gemfile.Gem rails = g.gem("rails").orElseThrow();
        assertThat(rails.requirements()).containsExactly("~> 7.1.3", ">= 7.1.3.2");
        assertThat(rails.isPinned()).isFalse();
        assertThat(rails.span().startLine()).isEqualTo(6);
        assertThat(g.gem("pg").orElseThrow().isPinned()).isTrue();
        assertThat(g.gem("bootsnap").orElseThrow().options()).containsEntry("require", "false");
        assertThat(g.gem("debug").orElseThrow().groups()).containsExactly("development", "test");
        assertThat(g.gem("web-console").orElseThrow().groups()).containsExactly("development");
        assertThat(g.gem("rack-mini-profiler").orElseThrow().groups()).containsExactly("development");
        assertThat(g.gem("rspec-rails").orElseThrow().groups()).containsExactly("test");
        assertThat(g.gem("puma").orElseThrow().groups()).isEmpty();
        Manifest m = g.toManifest();
        assertThat(m.dependency("web-console").orElseThrow().scope()).isEqualTo(Scope.DEV);
        assertThat(m.dependency("rspec-rails").orElseThrow().scope()).isEqualTo(Scope.TEST);
        assertThat(m.dependency("puma").orElseThrow().scope()).isEqualTo(Scope.MAIN);
    }
}
