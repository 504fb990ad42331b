package dev.drydock.core.report;

import dev.drydock.core.review.Category;
import dev.drydock.core.review.DeclinedChecks;
import dev.drydock.core.review.RuleMetadata;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule documentation under {@code docs/rules/}, generated from the rules' metadata: one Markdown page
 * per rule ({@code ID.md}) and an index ({@code README.md}) grouped by category.
 */
public final class RuleDocs {

    /** How to rewrite the pages after a rule's metadata changed; the pages and the test that compares them say it. */
    public static final String REGENERATE = "./build -q -o -pl drydock-core test -Dtest=RuleDocsTest"
            + " -Ddrydock.updateDocs=true";

    public static final String INDEX = "README.md";

    private static final String GENERATED = "<!-- Generated from the rules' metadata (@RuleDefinition) by RuleDocs;"
            + " do not edit. Regenerate: " + REGENERATE + " -->";

    private static final Comparator<RuleMetadata> ORDER = Comparator.comparing(RuleMetadata::severity)
            .thenComparing(RuleMetadata::id);

    private RuleDocs() {}

    /** Every page: file name in {@code docs/rules/} to its content, the index first. */
    public static Map<String, String> pages(List<RuleMetadata> rules) {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put(INDEX, index(rules));
        rules.stream().sorted(Comparator.comparing(RuleMetadata::id)).forEach(r -> pages.put(r.id() + ".md", page(r)));
        return pages;
    }

    static String index(List<RuleMetadata> rules) {
        StringBuilder md = new StringBuilder(GENERATED).append("\n\n# Rules\n\n");
        md.append("drydock has ").append(rules.size()).append(" rules. `drydock rules` lists them and `drydock rules ID`")
                .append(" (or an alias such as `DL3008`) explains one; each page below says what a rule checks, why it")
                .append(" matters and shows a bad and a good example. Fixable: `drydock fix` repairs the finding (safe:")
                .append(" by default; unsafe: with `--unsafe`, as it changes behaviour).\n");
        for (Category category : Category.values()) {
            List<RuleMetadata> group = rules.stream().filter(r -> r.category() == category).sorted(ORDER).toList();
            if (group.isEmpty()) {
                continue;
            }
            md.append("\n## ").append(label(category.id())).append("\n\n");
            md.append("| Rule | Title | Severity | Also known as | Fixable |\n|---|---|---|---|---|\n");
            for (RuleMetadata r : group) {
                md.append("| [`").append(r.id()).append("`](").append(r.id()).append(".md) | ")
                        .append(cell(inline(r.title()))).append(" | ").append(r.severity().id()).append(" | ")
                        .append(cell(aliases(r))).append(" | ").append(fixable(r)).append(" |\n");
            }
        }
        md.append("\n## Checks of other tools that drydock declines\n\n");
        md.append("| Tool | Check | Why drydock has no rule for it |\n|---|---|---|\n");
        for (DeclinedChecks.Declined d : DeclinedChecks.all()) {
            md.append("| ").append(d.tool()).append(" | ").append(cell(inline(d.check()))).append(" | ")
                    .append(cell(inline(d.reason()))).append(" |\n");
        }
        return md.toString();
    }

    static String page(RuleMetadata r) {
        StringBuilder md = new StringBuilder(GENERATED).append("\n\n# `").append(r.id()).append("`: ")
                .append(inline(r.title())).append("\n\n");
        md.append("| Severity | Category | Fix | Effort | Also known as |\n|---|---|---|---|---|\n");
        md.append("| ").append(r.severity().id()).append(" | ").append(r.category().id()).append(" | ")
                .append(r.fix().id()).append(" | ").append(r.effort().isEmpty() ? "-" : r.effort()).append(" | ")
                .append(cell(aliases(r))).append(" |\n\n");
        md.append("**What it checks.** ").append(inline(r.checks())).append("\n\n");
        if (r.reportsStrengths()) {
            md.append("**Good practice reported.** Where the project gets it right, the review lists it as \"")
                    .append(inline(r.strength())).append("\".\n\n");
        }
        md.append("**Problem.** ").append(inline(r.problem())).append("\n\n");
        md.append("**Impact.** ").append(inline(r.impact())).append("\n\n");
        md.append("**Recommendation.** ").append(inline(r.recommendation())).append("\n");
        for (int i = 0; i < r.examples().size(); i++) {
            RuleMetadata.Example e = r.examples().get(i);
            md.append("\n## Example").append(r.examples().size() == 1 ? "" : " " + (i + 1)).append("\n\n");
            md.append("Reported (`").append(e.file()).append("`):\n\n").append(code(e.file(), e.bad()));
            md.append("\nWritten right:\n\n").append(code(e.file(), e.good()));
            e.alongside().forEach((file, content) -> md.append("\nBeside it in both versions, `").append(file)
                    .append("`:\n\n").append(code(file, content)));
        }
        if (!r.references().isEmpty()) {
            md.append("\n## References\n\n");
            r.references().forEach(ref -> md.append("- ")
                    .append(ref.startsWith("https://") || ref.startsWith("http://") ? "<" + ref + ">" : inline(ref))
                    .append("\n"));
        }
        md.append("\n[All rules](").append(INDEX).append(")\n");
        return md.toString();
    }

    private static String aliases(RuleMetadata r) {
        return r.aliases().isEmpty() ? "-" : String.join(", ", r.aliases().stream().map(RuleDocs::inline).toList());
    }

    private static String fixable(RuleMetadata r) {
        return r.fixable() ? "yes (" + r.fix().id() + ")" : "no";
    }

    private static String label(String id) {
        return Character.toUpperCase(id.charAt(0)) + id.substring(1);
    }

    private static String code(String file, String content) {
        String body = content.endsWith("\n") ? content : content + "\n";
        String fence = "```";
        while (body.contains(fence)) {
            fence += "`";
        }
        return fence + ReviewMarkdown.language(file) + "\n" + body + fence + "\n";
    }

    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");

    /** Metadata prose as Markdown: its `code spans` kept, characters Markdown would read as markup escaped. */
    static String inline(String text) {
        StringBuilder out = new StringBuilder();
        Matcher m = CODE_SPAN.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(escape(text.substring(last, m.start()))).append(m.group());
            last = m.end();
        }
        return out.append(escape(text.substring(last))).toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")
                .replace("[", "\\[").replace("]", "\\]");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
