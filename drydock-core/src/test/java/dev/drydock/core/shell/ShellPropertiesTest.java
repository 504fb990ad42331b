package dev.drydock.core.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

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

    @Property(tries = 1500)
    void randomCharactersNeverBreakTheParser(@ForAll("characters") String text) {
        check(text);
    }

    @Property(tries = 1500)
    void randomFragmentsNeverBreakTheParser(@ForAll("fragments") String text) {
        check(text);
    }

    @Property(tries = 1500)
    void mutatedRealisticScriptsNeverBreakTheParser(@ForAll @IntRange(min = 0, max = 9) int which,
            @ForAll @IntRange(min = 1, max = 6) int mutations, @ForAll Random random) {
        StringBuilder s = new StringBuilder(REALISTIC.get(which));
        for (int i = 0; i < mutations; i++) {
            int at = random.nextInt(s.length() + 1);
            switch (random.nextInt(4)) {
                case 0 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(8)));
                case 1 -> s.insert(at, FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
                case 2 -> {
                    int to = Math.min(s.length(), at + random.nextInt(20));
                    s.insert(at, s.substring(at, to));
                }
                default -> s.setLength(at);
            }
        }
        check(s.toString());
    }

    @Property(tries = 500)
    void textWithGapsMapsIntoTheFile(@ForAll("fragments") String text, @ForAll Random random) {
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

    @Provide
    Arbitrary<String> characters() {
        return Arbitraries.strings().withChars(ALPHABET).ofMaxLength(120);
    }

    @Provide
    Arbitrary<String> fragments() {
        return Arbitraries.of(FRAGMENTS).list().ofMaxSize(40).map(l -> String.join("", l));
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
