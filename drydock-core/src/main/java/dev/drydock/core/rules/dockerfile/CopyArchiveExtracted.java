package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.CopySources;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.StagesInUse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

@RuleDefinition(
        id = "copy-archive-extracted",
        title = "An archive is copied into a layer and unpacked by a later RUN",
        severity = Severity.INFO,
        category = Category.PERFORMANCE,
        checks = "Every COPY from the build context in the stages a build uses whose source is named like an"
                + " archive (.tar, .tar.gz, .tgz, .tar.xz, .zip ...): fires when a later RUN of the same stage"
                + " unpacks a file of that name (tar -x, unzip, gunzip, bunzip2, unxz, xz -d, zstd -d, zcat).",
        problem = "The COPY stores the archive in its own layer; unpacking it later (and even deleting it) adds the"
                + " contents on top, so the image holds both.",
        impact = "The image is larger by the archive's size, for nothing.",
        recommendation = "ADD a local tar archive (ADD unpacks it into the destination in the same layer), or unpack"
                + " it from a bind mount so the archive never becomes a layer: RUN --mount=type=bind,source=FILE,"
                + "target=/tmp/FILE tar -xf /tmp/FILE -C DEST.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#add",
                "https://docs.docker.com/reference/dockerfile/#run---mounttypebind"},
        aliases = {"DL3010"},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.7-slim
                        COPY vendor/node-v20.18.0-linux-x64.tar.xz /tmp/
                        RUN tar -xJf /tmp/node-v20.18.0-linux-x64.tar.xz -C /opt && rm /tmp/node-v20.18.0-linux-x64.tar.xz
                        """,
                good = """
                        FROM debian:12.7-slim
                        ADD vendor/node-v20.18.0-linux-x64.tar.xz /opt/
                        """))
public final class CopyArchiveExtracted implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (StagesInUse used : StagesInUse.of(context)) {
            Stage stage = used.stage();
            List<RunStep> runs = RunStep.of(used.image().model(), List.of(stage));
            for (CopyCommand copy : stage.copies()) {
                if (copy.isAdd() || !copy.fromContext()) {
                    continue;
                }
                for (String source : copy.sources()) {
                    String name = CopySources.basename(source);
                    if (name.contains("*") || !(CopySources.isTarArchive(name) || isZip(name))) {
                        continue;
                    }
                    extraction(runs, copy, name).ifPresent(call -> report(context, copy, source, name, call));
                }
            }
        }
    }

    private static Optional<Call> extraction(List<RunStep> runs, CopyCommand copy, String name) {
        for (RunStep run : runs) {
            if (run.instruction().span().start() <= copy.instruction().span().start()) {
                continue;
            }
            for (Call call : run.calls()) {
                if (extracts(call) && call.args().stream().anyMatch(a -> CopySources.basename(a.value()).equals(name))) {
                    return Optional.of(call);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean extracts(Call call) {
        if (call.is("unzip", "gunzip", "bunzip2", "unxz", "unlzma", "uncompress", "zcat", "gzcat", "unzstd")) {
            return true;
        }
        if (call.is("gzip", "bzip2", "xz", "zstd", "lzma")) {
            return call.options().has("-d", "--decompress");
        }
        if (call.is("tar", "bsdtar")) {
            if (call.options("-f", "--file", "-C", "--directory").has("-x", "--extract", "--get")) {
                return true;
            }
            String first = call.args().isEmpty() ? "" : call.args().get(0).value();
            return !first.startsWith("-") && first.toLowerCase(Locale.ROOT).contains("x");
        }
        return false;
    }

    private static boolean isZip(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    private void report(ReviewContext context, CopyCommand copy, String source, String name, Call call) {
        var words = CopySources.sources(copy.instruction());
        var word = words.stream().filter(w -> CopySources.basename(w.value()).equals(name)).findFirst();
        var span = word.map(w -> w.span()).orElse(copy.instruction().keyword().span());
        boolean tar = CopySources.isTarArchive(name) && !isZip(name);
        context.finding(this, copy.instruction().file().path(), span, "COPY " + source + " stores the archive in a"
                        + " layer, and the " + call.name() + " on line " + call.span().startLine()
                        + " unpacks it on top: the image keeps both")
                .recommendation((tar ? "Write ADD " + source + " <directory>/ (ADD unpacks a local tar archive in the"
                        + " same layer), or u" : "U") + "npack it from a bind mount: RUN --mount=type=bind,source="
                        + source + ",target=/tmp/" + name + " " + call.name() + " ... /tmp/" + name + ".")
                .add();
    }
}
