package dev.drydock.core.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import dev.drydock.core.testing.RandomInputs;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever the text, parsing returns (never throws) and every span lies inside the file. */
class ShellPropertiesTest {

    static final List<String> REALISTIC = List.of(
            "apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \\\n"
                    + "  && rm -rf /var/lib/apt/lists/*",
            "set -eux; \\\n  curl -fsSL https://example.com/install.sh | sh -s -- -y; \\\n  echo \"$(date +%s)\" > /built",
            "if [ \"$TARGETARCH\" = \"arm64\" ]; then ARCH=aarch64; else ARCH=x86_64; fi \\\n"
                    + "  && wget -q \"https://x/${VERSION}/tool-${ARCH}.tar.gz\" -O - | tar -xz -C /usr/local/bin",
            "for pkg in $PACKAGES; do pip install --no-cache-dir \"$pkg==${VERSIONS[$pkg]:-latest}\" || exit 1; done",
            "cat <<'EOF' > /etc/nginx/conf.d/default.conf\nserver { listen 80; location / { root /srv; } }\nEOF\n"
                    + "nginx -t",
            "bash -o pipefail -c 'case \"$(uname -m)\" in x86_64) A=amd64;; aarch64|arm64) A=arm64;; *) exit 1;; esac; "
                    + "echo $A'",
            "groupadd -r app && useradd -r -g app -d /app -s /sbin/nologin app \\\n  && chown -R app:app /app",
            "f() { local x=$1; shift; echo \"${x##*/}\" \"$@\" 2>&1 | tee -a /log; }; f a b c &",
            "while read -r line; do [[ $line =~ ^# ]] && continue; (( n++ )); done < <(grep -v '^$' /etc/hosts)",
            "x=`echo \\`date\\``; arr=(one \"two three\" $'four\\tfive'); exec su-exec app \"$@\"");

    static final String ALPHABET = "ab xyz09 \t\n\\'\"`$(){}[]|&;<>#=*?!-~%/:+,.@^";
    static final List<String> FRAGMENTS = List.of("$(", "${", "$((", "))", "))", "`", "'", "\"", "\\", "\\\n", "\n",
            "<<EOF\n", "<<-'E'\n", "EOF\n", "if ", "then ", "elif ", "else ", "fi", " do ", "done", "for x in ",
            "while ", "case x in ", "esac", ";;", "{ ", " }", "(", ")", "&&", "||", "|", "&", ";", "!", "[[ ", " ]]",
            "2>&1", ">", "<", "<<<", "a=", "arr=(", "sh -c '", "eval ", "function f ", "f() ", "#", "$x", "${x:-",
            "<(", "@(", "$'", "\\$", "set -e", " ", " ", "word", "apt-get", "-y");

    /** Characters the shell reader decides on: edits land next to them half the time. */
    static final String STRUCTURAL = "$`'\"\\(){}[]|&;<>#\n";

    @Test
    void randomCharactersNeverBreakTheParser() {
        RandomInputs.forEachSample("random characters", 1500, ShellPropertiesTest::characters, ShellPropertiesTest::check);
    }

    @Test
    void randomFragmentsNeverBreakTheParser() {
        RandomInputs.forEachSample("random fragments", 1500, ShellPropertiesTest::fragments, ShellPropertiesTest::check);
    }

    @Test
    void mutatedRealisticScriptsNeverBreakTheParser() {
        RandomInputs.forEachSample("mutated scripts", 1500, ShellPropertiesTest::mutatedScript, ShellPropertiesTest::check);
    }

    /**
     * One of the realistic scripts after 1 to 6 changes: a random edit (twice as likely as the
     * others), a copy of up to 20 chars inserted where they start, or a truncation.
     */
    static String mutatedScript(RandomInputs in) {
        StringBuilder s = new StringBuilder(in.pick(REALISTIC));
        Random random = in.random();
        for (int i = in.between(1, 6); i > 0; i--) {
            switch (random.nextInt(4)) {
                case 0, 1 -> in.editInPlace(s, STRUCTURAL, () -> in.pick(FRAGMENTS), 8);
                case 2 -> {
                    int at = in.position(s, STRUCTURAL);
                    int to = Math.min(s.length(), at + random.nextInt(20));
                    s.insert(at, s.substring(at, to));
                }
                default -> s.setLength(in.position(s, STRUCTURAL));
            }
        }
        return s.toString();
    }

    /** Fragments, and the seed of where the file holding them breaks lines with \-newlines. */
    record GappedText(String text, long gapSeed) {}

    @Test
    void textWithGapsMapsIntoTheFile() {
        RandomInputs.forEachSample("text with gaps", 500,
                in -> new GappedText(fragments(in), in.random().nextLong()),
                gapped -> textWithGapsMapsIntoTheFile(gapped.text(), new Random(gapped.gapSeed())));
    }

    private static void textWithGapsMapsIntoTheFile(String text, Random random) {
        // the file holds the text with extra characters the mapped text leaves out (like \-newlines)
        StringBuilder fileText = new StringBuilder("RUN ");
        MappedText.Builder[] holder = new MappedText.Builder[1];
        int[] starts = new int[text.length() + 1];
        for (int i = 0; i < text.length(); i++) {
            if (random.nextInt(10) == 0) {
                fileText.append("\\\n");
            }
            starts[i] = fileText.length();
            fileText.append(text.charAt(i));
        }
        SourceFile file = SourceFile.of("Dockerfile", fileText.toString());
        holder[0] = MappedText.builder(file);
        for (int i = 0; i < text.length(); i++) {
            holder[0].append(starts[i], starts[i] + 1);
        }
        if (random.nextBoolean() && file.text().length() > 0) {
            holder[0].appendSynthetic("\n", file.text().length() - 1);
        }
        MappedText mapped = holder[0].build();
        ShellScript script = ShellScript.parse(mapped);
        assertInside(script, file);
    }

    static String characters(RandomInputs in) {
        return in.string(ALPHABET, 0, 120);
    }

    static String fragments(RandomInputs in) {
        return in.concat(FRAGMENTS, 0, 40);
    }

    static void check(String text) {
        SourceFile file = SourceFile.of("Dockerfile", "FROM x\nRUN " + text + "\n");
        int start = "FROM x\nRUN ".length();
        ShellScript script = ShellScript.parse(MappedText.of(file, start, start + text.length()));
        assertInside(script, file);
        ShellScript again = ShellScript.parse(MappedText.of(file, start, start + text.length()), ShellOptions.DEFAULT);
        assertThat(again.problems()).isEqualTo(script.problems());
        assertThat(again.commands()).hasSameSizeAs(script.commands());
    }

    static void assertInside(ShellScript script, SourceFile file) {
        assertThat(script.problems()).noneMatch(p -> p.message().startsWith("could not analyse"));
        int length = file.text().length();
        for (Span span : Spans.all(script)) {
            assertThat(span.start()).isBetween(0, length);
            assertThat(span.end()).isBetween(span.start(), length);
        }
        for (Command c : script.commands()) {
            c.hasFlag("-y");
            c.subcommand();
            c.operands();
            c.flagValue("-o");
        }
    }
}
