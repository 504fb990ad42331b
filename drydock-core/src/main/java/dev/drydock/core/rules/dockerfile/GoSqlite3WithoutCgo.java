package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.app.SourceSet;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.image.TagVersion;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ManifestSyntax;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.GlibclessRuntimes;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.PackageCommands;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "go-sqlite3-without-cgo",
        title = "A Go program using go-sqlite3 is built with cgo off",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "Every `go build` or `go install` of an image whose Go sources (tests, vendored copies and test data"
                + " left out) import github.com/mattn/go-sqlite3 or a driver built on it (gorm.io/driver/sqlite,"
                + " github.com/jinzhu/gorm/dialects/sqlite), when a go.mod of the build context requires"
                + " github.com/mattn/go-sqlite3 without replacing it. Fires when cgo is off for that build:"
                + " CGO_ENABLED=0 in the RUN or in an ENV or ARG of its stage, or left unset on a golang *-alpine"
                + " image of Go 1.20 or later that installs no C compiler (gcc, build-base, clang), where the go"
                + " command turns cgo off by itself. The Debian-based golang images ship gcc, so cgo is on there by"
                + " default. Quiet when CGO_ENABLED is 1 or a variable, when CC is set, and, for an unset"
                + " CGO_ENABLED, when GOOS or GOARCH is set (drydock cannot tell a cross build).",
        problem = "go-sqlite3 wraps SQLite's C code through cgo. With cgo off, Go compiles the package's stub instead:"
                + " the build succeeds, and every attempt to open a database returns an error.",
        impact = "The image builds and the container starts, then the program fails as soon as it opens its database:"
                + " \"Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub\".",
        recommendation = "Use the pure Go driver modernc.org/sqlite (driver name \"sqlite\"), which builds with"
                + " CGO_ENABLED=0 and runs on scratch or distroless/static; or build with cgo (CGO_ENABLED=1 on"
                + " a golang Debian image, or `apk add gcc musl-dev` on golang:*-alpine) and run the binary on an"
                + " image with the C library it was linked against.",
        references = {
                "https://github.com/mattn/go-sqlite3#installation",
                "https://pkg.go.dev/cmd/cgo",
                "https://go.dev/doc/go1.20#cgo",
                "https://pkg.go.dev/modernc.org/sqlite"},
        effort = "30 min",
        examples = @RuleExample(
                bad = """
                        FROM golang:1.23.2-bookworm AS build
                        WORKDIR /src
                        COPY . .
                        RUN CGO_ENABLED=0 go build -o /out/notes .

                        FROM gcr.io/distroless/static-debian12
                        COPY --from=build /out/notes /notes
                        ENTRYPOINT ["/notes"]
                        """,
                good = """
                        FROM golang:1.23.2-bookworm AS build
                        WORKDIR /src
                        COPY . .
                        RUN CGO_ENABLED=1 go build -o /out/notes .

                        FROM gcr.io/distroless/base-debian12
                        COPY --from=build /out/notes /notes
                        ENTRYPOINT ["/notes"]
                        """,
                alongside = {
                        @ExampleFile(name = "go.mod", content = """
                                module example.com/notes

                                go 1.23

                                require github.com/mattn/go-sqlite3 v1.14.24
                                """),
                        @ExampleFile(name = "main.go", content = """
                                package main

                                import (
                                \t"database/sql"

                                \t_ "github.com/mattn/go-sqlite3"
                                )

                                func main() {
                                \tdb, _ := sql.Open("sqlite3", "/data/notes.db")
                                \tdefer db.Close()
                                }
                                """)}))
public final class GoSqlite3WithoutCgo implements Rule {

    private static final String DRIVER = "github.com/mattn/go-sqlite3";
    /** go-sqlite3 itself and the drivers that import it. */
    private static final List<String> PACKAGES = List.of(DRIVER, "gorm.io/driver/sqlite",
            "github.com/jinzhu/gorm/dialects/sqlite");
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*(?:import\\s+)?(?:[\\w.]+\\s+)?\"("
            + String.join("|", PACKAGES.stream().map(Pattern::quote).toList()) + ")(?:/[^\"]*)?\"");
    private static final Pattern MAIN_PACKAGE = Pattern.compile("(?m)^package\\s+main\\b");
    private static final Pattern CGO_OFF = Pattern.compile("\\bCGO_ENABLED=[\"']?0\\b");
    private static final Pattern CGO_ON = Pattern.compile("\\bCGO_ENABLED=[\"']?(1|\\$)");
    private static final Pattern CROSS = Pattern.compile("\\bGO(OS|ARCH)=");
    private static final Set<String> C_COMPILERS = Set.of("gcc", "build-base", "clang", "g++", "musl-gcc");
    private static final Set<String> VALUE_FLAGS = Set.of("-o", "-ldflags", "-gcflags", "-asmflags", "-tags",
            "-mod", "-modfile", "-p", "-C", "-buildmode", "-installsuffix", "-pkgdir", "-toolexec", "-overlay", "-pgo");
    private static final int MAX_GO_FILES = 300;

    /** A Go file that imports the driver, and the package it names. */
    private record Importer(String path, String imported, boolean main) {}

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            if (!requiresDriver(context, image)) {
                continue;
            }
            List<Importer> importers = importers(context, image);
            if (importers.isEmpty()) {
                continue;
            }
            DockerfileModel model = image.model();
            for (RunStep run : RunStep.of(model, image.neededStages())) {
                for (Call call : run.calls("go")) {
                    if (call.args().isEmpty() || !List.of("build", "install").contains(call.args().get(0).value())) {
                        continue;
                    }
                    Importer importer = builtImporter(importers, call);
                    String off = importer == null ? null : cgoOff(model, run);
                    if (off == null) {
                        continue;
                    }
                    String runtime = GlibclessRuntimes.describe(image);
                    context.finding(this, image.dockerfile(), call.span(), "`go " + call.args().get(0).value()
                                    + "` builds with cgo off (" + off + "), but " + importer.path() + " imports "
                                    + importer.imported() + (importer.imported().equals(DRIVER) ? ""
                                            : ", which uses " + DRIVER) + ", and go-sqlite3 needs cgo: without it Go"
                                    + " compiles its stub, so the image builds and the program fails when it opens the"
                                    + " database (\"Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to"
                                    + " work. This is a stub\")")
                            .recommendation("Switch to the pure Go driver modernc.org/sqlite (sql.Open(\"sqlite\","
                                    + " ...)), which builds with CGO_ENABLED=0; or build with CGO_ENABLED=1 and a C"
                                    + " compiler (the golang Debian images have gcc; on Alpine, apk add gcc musl-dev)"
                                    + (runtime == null || runtime.startsWith("alpine") ? ""
                                            : " and run the binary on an image with a C library"
                                                    + " (gcr.io/distroless/base-debian12), not "
                                                    + runtime.replaceFirst(",.*", ""))
                                    + ".")
                            .add();
                }
            }
        }
    }

    /** Whether a go.mod of the image's build context requires go-sqlite3 and does not replace it with another module. */
    private static boolean requiresDriver(ReviewContext context, BuiltImage image) {
        for (Manifest m : image.container().manifests()) {
            if (m.kind() != ManifestKind.GO_MOD || !m.hasDependency(DRIVER)) {
                continue;
            }
            if (ManifestSyntax.goMod(context, m).filter(mod -> mod.replaces().stream()
                    .noneMatch(r -> r.oldPath().equals(DRIVER))).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** The Go files the image's build context gives the build that import the driver, tests and vendored copies left out. */
    private static List<Importer> importers(ReviewContext context, BuiltImage image) {
        SourceSet files = SourceSet.of(context.project(), image.container());
        List<Importer> out = new ArrayList<>();
        files.paths().stream()
                .filter(p -> p.endsWith(".go") && !p.endsWith("_test.go") && !p.contains("testdata/")
                        && !p.startsWith("vendor/") && !p.contains("/vendor/"))
                .limit(MAX_GO_FILES).map(files::read).flatMap(Optional::stream)
                .forEach(file -> {
                    Matcher m = IMPORT.matcher(file.text());
                    if (m.find()) {
                        out.add(new Importer(file.path(), m.group(1), MAIN_PACKAGE.matcher(file.text()).find()));
                    }
                });
        return out;
    }

    /**
     * The importer the build compiles: any library package's, or a main package's when the build names no folder
     * ({@code go build .}, {@code ./...}) or names the importer's folder. A build of {@code ./cmd/api} does not
     * compile the main package of {@code cmd/migrate}.
     */
    private static Importer builtImporter(List<Importer> importers, Call call) {
        List<String> packages = new ArrayList<>();
        List<Call.Arg> args = call.args();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i).value();
            if (a.startsWith("-")) {
                i += VALUE_FLAGS.contains(a) ? 1 : 0;
                continue;
            }
            packages.add(a.replaceFirst("^\\./", "").replaceFirst("/\\.\\.\\.$", "").replaceFirst("/+$", ""));
        }
        boolean whole = packages.isEmpty() || packages.stream().anyMatch(p -> p.isEmpty() || p.equals(".")
                || p.equals("...") || p.contains("$") || p.endsWith(".go"));
        for (Importer importer : importers) {
            String dir = PathNames.parent(importer.path());
            if (!importer.main() || whole || packages.stream().anyMatch(p -> dir.equals(p) || dir.endsWith("/" + p))) {
                return importer;
            }
        }
        return null;
    }

    /** Why cgo is off for this build, or null when it is on or cannot be told. */
    private static String cgoOff(DockerfileModel model, RunStep run) {
        String text = run.text();
        if (CGO_ON.matcher(text).find() || text.matches("(?s).*\\bCC=.*")) {
            return null;
        }
        if (CGO_OFF.matcher(text).find()) {
            return "CGO_ENABLED=0 on line " + run.instruction().startLine();
        }
        Variables variables = run.step().variables();
        Variables.Definition cgo = variables.definition("CGO_ENABLED");
        if (cgo != null) {
            return "0".equals(cgo.value() == null ? null : cgo.value().strip())
                    ? cgo.kind() + " CGO_ENABLED=0 on line " + cgo.instruction().startLine() : null;
        }
        if (text.contains("CGO_ENABLED") || CROSS.matcher(text).find() || variables.definition("GOOS") != null
                || variables.definition("GOARCH") != null || variables.definition("CC") != null) {
            return null;
        }
        Stage stage = run.stage();
        BaseImage base = Stages.rootBase(model, stage);
        if (!(base instanceof BaseImage.External external) || external.reference() == null) {
            return null;
        }
        ImageReference ref = external.reference();
        if (!ImageTags.officialName(ref).equals("golang") || !ref.effectiveTagLowerCase().contains("alpine")
                || !cgoOffWithoutCompiler(ref.version())) {
            return null;
        }
        boolean compiler = RunStep.of(model, Stages.inImage(model, stage)).stream()
                .flatMap(r -> r.calls().stream()).flatMap(c -> PackageCommands.install(c).stream())
                .anyMatch(install -> install.names().stream().anyMatch(C_COMPILERS::contains));
        return compiler ? null : "CGO_ENABLED is not set and " + ref.familiarString() + " has no C compiler, so the go"
                + " command turns cgo off";
    }

    /** Whether the image's Go turns cgo off when it finds no C compiler (Go 1.20 on; older ones fail the build). */
    private static boolean cgoOffWithoutCompiler(TagVersion version) {
        if (version == null || !version.hasVersion()) {
            return true; // golang:alpine, the newest Go
        }
        long major = version.major().orElse(1);
        return major > 1 || version.minor().isEmpty() || version.minor().getAsLong() >= 20;
    }
}
