package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * README.md is what users copy commands from: every drydock command it shows (in code blocks and inline code)
 * must parse with the options the commands have (ReadmeConfigExampleTest in drydock-core checks its .drydock.yaml).
 */
class ReadmeCommandsTest {

    private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");
    private static final Pattern INLINE = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern COMMAND = Pattern.compile(
            "(?:^|[\\s:])(?:\\./)?drydock ((?:review|fix|verify|parse|rules|lsp|daemon)\\b[^#\\n]*)");

    private static String readme() throws IOException {
        return Files.readString(Path.of("..", "README.md"));
    }

    /** Every drydock command of README's code: the words after {@code drydock}, without a trailing comment. */
    static Set<String> commands(String readme) {
        List<String> code = new ArrayList<>();
        Matcher fence = FENCE.matcher(readme);
        StringBuilder prose = new StringBuilder();
        int last = 0;
        while (fence.find()) {
            prose.append(readme, last, fence.start());
            last = fence.end();
            if (!fence.group(1).equals("java")) {
                code.addAll(Arrays.asList(fence.group(2).split("\n")));
            }
        }
        prose.append(readme.substring(last));
        Matcher inline = INLINE.matcher(prose);
        while (inline.find()) {
            code.add(inline.group(1));
        }
        Set<String> commands = new LinkedHashSet<>();
        for (String line : code) {
            Matcher command = COMMAND.matcher(line);
            while (command.find()) {
                commands.add(command.group(1).strip());
            }
        }
        return commands;
    }

    @Test
    void everyDrydockCommandInTheReadmeParses() throws IOException {
        Set<String> commands = commands(readme());
        assertThat(commands).as("commands found in README.md").hasSizeGreaterThan(20)
                .anyMatch(c -> c.startsWith("review ")).anyMatch(c -> c.startsWith("fix "))
                .anyMatch(c -> c.startsWith("verify ")).anyMatch(c -> c.startsWith("parse "))
                .anyMatch(c -> c.startsWith("rules"));
        for (String command : commands) {
            String[] args = command.split("\\s+");
            CommandLine cli = new CommandLine(new Main().spec);
            Main.addSubcommands(cli, args, Invocation.process());
            assertThatCode(() -> cli.parseArgs(args)).as("drydock " + command).doesNotThrowAnyException();
        }
    }

    /** Flags README names in inline code that belong to other programs (Docker, Podman, Maven, scripts/bench-cli). */
    private static final Set<String> OTHER_PROGRAMS_FLAGS = Set.of("--privileged", "--mount", "--from", "--isolation",
            "--also-make", "--install-npm-linters", "--target");

    @Test
    void everyOptionTheReadmeNamesInInlineCodeIsAnOptionOfACommand() throws IOException {
        Set<String> options = new LinkedHashSet<>();
        CommandLine cli = new CommandLine(new Main().spec);
        Main.addSubcommands(cli, new String[0], Invocation.process());
        cli.getCommandSpec().options().forEach(o -> options.addAll(Arrays.asList(o.names())));
        for (CommandLine sub : cli.getSubcommands().values()) {
            for (var option : sub.getCommandSpec().options()) {
                options.addAll(Arrays.asList(option.names()));
                if (option.negatable()) {
                    Arrays.stream(option.names()).map(n -> "--no-" + n.substring(2)).forEach(options::add);
                }
            }
        }
        Matcher named = Pattern.compile("`(--[a-z][a-z0-9-]*)").matcher(readme());
        Set<String> unknown = new LinkedHashSet<>();
        while (named.find()) {
            if (!options.contains(named.group(1)) && !OTHER_PROGRAMS_FLAGS.contains(named.group(1))) {
                unknown.add(named.group(1));
            }
        }
        assertThat(unknown).as("options README.md names that no drydock command has").isEmpty();
    }

    @Test
    void commandsAreFoundInCodeBlocksAndInlineCode() {
        String text = "Run `drydock review . -o x.sarif --fail-on high` or:\n\n```sh\n./drydock fix PATH --unsafe   # note\n"
                + "```\n\n```yaml\n  script: drydock review . --format gitlab\n```\n";
        assertThat(commands(text)).containsExactlyInAnyOrder("review . -o x.sarif --fail-on high", "fix PATH --unsafe",
                "review . --format gitlab");
    }
}
