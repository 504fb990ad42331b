package dev.drydock.core.fix;

import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.Project;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.source.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies the fixes the rules offer, in memory: each round takes the findings' fixes that are
 * allowed and do not overlap (most severe first), applies them to the texts, re-reads the project
 * with those texts and reviews it again; it stops when no fix applies, the texts stop changing or
 * come back to an earlier state (reported as a problem), or after {@link FixOptions#maxRounds()} (reported when
 * fixes are still offered then). A fix whose finding is reported again, with the same fix, after it is applied
 * is reported and not applied again. A round whose result no
 * longer parses is taken back and its fixes tried one by one, so one bad fix does not block the others.
 * Text outside the edits is kept exactly: line endings, comments, indentation, quoting. A Dockerfile
 * that could not be read without an error is not edited at all.
 */
public final class FixEngine {

    private final Reviewer reviewer;
    private final ProjectLoader loader;

    public FixEngine(Reviewer reviewer, ProjectLoader loader) {
        this.reviewer = reviewer;
        this.loader = loader;
    }

    public static FixEngine standard() {
        return new FixEngine(Reviewer.standard(), new ProjectLoader());
    }

    /** Fixes the project at {@code path} (a folder, or a file with the files read with it) in memory. */
    public FixResult fix(Path path, FixOptions options) {
        Project project = loader.load(path);
        return new Run(path, project, reviewer.review(project), options).run();
    }

    /** Fixes a project folder already loaded and reviewed. */
    public FixResult fix(Project project, Review review, FixOptions options) {
        return new Run(project.root(), project, review, options).run();
    }

    private final class Run {
        final Path path;
        final Project project;
        final Review before;
        final FixOptions options;
        final FileTexts texts;
        final List<AppliedFix> applied = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final Set<Fix> refused = new HashSet<>();
        /** Rule and title of the fixes whose finding stayed after they were applied. */
        final Set<String> lasting = new HashSet<>();
        final Set<Map<String, String>> states = new HashSet<>();
        Map<String, String> overlay = new TreeMap<>();
        Review current;
        int rounds;

        Run(Path path, Project project, Review before, FixOptions options) {
            this.path = path;
            this.project = project;
            this.before = before;
            this.options = options;
            this.texts = new FileTexts(project.files());
            this.current = before;
            states.add(Map.of());
        }

        FixResult run() {
            while (true) {
                List<Finding> chosen = choose();
                if (chosen.isEmpty()) {
                    break;
                }
                if (rounds == options.maxRounds()) {
                    problems.add("stopped after " + rounds + " rounds with fixes still offered ("
                            + titles(chosen) + "): the fixes did not settle, so the result may be partial");
                    break;
                }
                rounds++;
                List<Written> written = new ArrayList<>();
                Map<String, String> next = apply(overlay, chosen, written);
                if (next.equals(overlay)) {
                    break;
                }
                Review reviewed = reviewAt(next);
                if (reviewed == null) {
                    written.clear(); // applied one by one, the places of the earlier fixes' text move
                    next = applyOneByOne(chosen);
                    reviewed = next == null ? null : reviewAt(next);
                    if (reviewed == null) {
                        continue;
                    }
                } else {
                    record(chosen);
                }
                if (!states.add(next)) {
                    problems.add("the fixes " + titles(chosen) + " bring the files back to an earlier state: they undo"
                            + " each other, so fixing stopped");
                    break;
                }
                refuseLasting(reviewed, written);
                overlay = next;
                current = reviewed;
            }
            return result();
        }

        /**
         * A fix whose finding its rule reports again, with the same fix, once it is applied would apply forever:
         * when as many findings offer a fix of that rule and title after the round as before it, it is reported
         * and not offered again. A finding on text another fix of the round wrote is new, not lasting: runs-as-root
         * writing USER node in a stage makes user-not-numeric offer its fix there.
         */
        private void refuseLasting(Review reviewed, List<Written> written) {
            Map<String, Integer> before = offered(current);
            Map<String, Integer> after = new HashMap<>();
            for (Finding f : reviewed.findings()) {
                if (f.fix() != null && !writtenByOtherFix(f, written)) {
                    after.merge(key(f), 1, Integer::sum);
                }
            }
            for (AppliedFix fix : applied) {
                if (fix.round() != rounds) {
                    continue;
                }
                Finding done = fix.finding();
                String key = key(done);
                if (after.getOrDefault(key, 0) >= before.getOrDefault(key, 0) && lasting.add(key)) {
                    problems.add(done.ruleId() + ": " + done.fix().title()
                            + ": the finding is still there after the fix, so it was applied once only");
                }
            }
        }

        private static Map<String, Integer> offered(Review review) {
            Map<String, Integer> counts = new HashMap<>();
            for (Finding f : review.findings()) {
                if (f.fix() != null) {
                    counts.merge(key(f), 1, Integer::sum);
                }
            }
            return counts;
        }

        private static boolean writtenByOtherFix(Finding f, List<Written> written) {
            Location at = f.location();
            if (at.file() == null || at.span() == null) {
                return false;
            }
            String key = key(f);
            int offset = at.span().start();
            return written.stream().anyMatch(w -> !w.key().equals(key) && w.file().equals(at.file())
                    && w.start() <= offset && offset < w.end());
        }

        private static String key(Finding finding) {
            return finding.ruleId() + "\u0000" + finding.fix().title();
        }

        private static String titles(List<Finding> findings) {
            return String.join(", ", findings.stream().map(f -> f.ruleId() + ": " + f.fix().title()).distinct().toList());
        }

        /**
         * The allowed fixes of the current review that can be applied together, most severe first; a fix that
         * restructures its files is taken first and alone in them, the others of those files wait a round.
         */
        private List<Finding> choose() {
            List<Finding> chosen = new ArrayList<>();
            choose(chosen, true);
            choose(chosen, false);
            return chosen;
        }

        private void choose(List<Finding> chosen, boolean restructuring) {
            Set<String> reshaped = new HashSet<>();
            for (Finding c : chosen) {
                if (c.fix().restructures()) {
                    reshaped.addAll(c.fix().files());
                }
            }
            for (Finding finding : current.findings()) {
                Fix fix = finding.fix();
                if (fix == null || fix.restructures() != restructuring || !options.allows(finding.ruleId(), fix.safety())
                        || refused.contains(fix) || lasting.contains(key(finding))) {
                    continue;
                }
                if (chosen.stream().anyMatch(c -> c.fix().conflictsWith(fix) || c.fix().equals(fix))
                        || fix.files().stream().anyMatch(reshaped::contains)) {
                    continue;
                }
                String problem = unreadIn(fix);
                if (problem == null) {
                    problem = texts.problem(fix, overlay);
                }
                if (problem != null) {
                    refused.add(fix);
                    problems.add(finding.ruleId() + ": " + fix.title() + ": " + problem);
                    continue;
                }
                chosen.add(finding);
                if (restructuring) {
                    reshaped.addAll(fix.files());
                }
            }
        }

        /**
         * Why a fix may not touch a Dockerfile drydock could not read whole: the parser reads on past a broken
         * line, and an edit planned on such a partial reading (a Dockerfile holding compose YAML) may land anywhere.
         * A compose file with a syntax error yields no findings to fix, and one whose errors are about other
         * files (a Dockerfile it builds is missing) was read whole.
         */
        private String unreadIn(Fix fix) {
            for (Diagnostic d : before.project().diagnostics()) {
                if (d.level() == Diagnostic.Level.ERROR && fix.files().contains(d.path())
                        && before.project().dockerfiles().containsKey(d.path())) {
                    return d.path() + ": " + (d.line() > 0 ? "line " + d.line() + ": " : "") + d.message()
                            + "; drydock could not read the file whole, so nothing is edited in it until that is corrected";
                }
            }
            return null;
        }

        private Map<String, String> apply(Map<String, String> base, List<Finding> findings) {
            return apply(base, findings, new ArrayList<>());
        }

        /** The texts with the findings' fixes applied; {@code written} receives where each fix's text landed. */
        private Map<String, String> apply(Map<String, String> base, List<Finding> findings, List<Written> written) {
            Map<String, List<TextEdit>> byFile = new LinkedHashMap<>();
            Map<TextEdit, String> keys = new HashMap<>();
            for (Finding finding : findings) {
                for (TextEdit edit : finding.fix().edits()) {
                    byFile.computeIfAbsent(edit.file(), f -> new ArrayList<>()).add(edit);
                    keys.put(edit, key(finding));
                }
            }
            Map<String, String> next = new TreeMap<>(base);
            for (var entry : byFile.entrySet()) {
                String text = texts.current(entry.getKey(), base);
                next.put(entry.getKey(), Edits.apply(text, entry.getValue(), (edit, start, end) -> {
                    if (end > start) {
                        written.add(new Written(keys.get(edit), edit.file(), start, end));
                    }
                }));
            }
            return next;
        }

        /** The text one fix of a round wrote: the chars {@code [start, end)} of the file's new text. */
        private record Written(String key, String file, int start, int end) {}

        /** The review of the project with these texts, or null when an edited file no longer parses. */
        private Review reviewAt(Map<String, String> next) {
            Project fixed = loader.load(path, next); // a file given alone is re-read alone
            for (Diagnostic d : fixed.diagnostics()) {
                if (d.level() == Diagnostic.Level.ERROR && next.containsKey(d.path()) && !failedBefore(d)) {
                    return null;
                }
            }
            return reviewer.review(fixed);
        }

        private boolean failedBefore(Diagnostic d) {
            return current.project().diagnostics().stream()
                    .anyMatch(old -> old.level() == Diagnostic.Level.ERROR && d.path().equals(old.path()));
        }

        /**
         * Applies the fixes one at a time, keeping each that leaves the files readable; null when none does. A fix
         * that breaks the files after one of the same rule and title was applied is the same repair reached from
         * another finding (a service of a base compose file and of the variant read over it, each inserting the key
         * at its own place): it is left for the next round's review to offer again, if still needed.
         */
        private Map<String, String> applyOneByOne(List<Finding> chosen) {
            Map<String, String> state = overlay;
            boolean any = false;
            Set<String> appliedKeys = new HashSet<>();
            for (Finding finding : chosen) {
                if (texts.problem(finding.fix(), state) != null) {
                    continue;
                }
                Map<String, String> next = apply(state, List.of(finding));
                if (reviewAt(next) == null) {
                    if (appliedKeys.contains(key(finding))) {
                        continue;
                    }
                    refused.add(finding.fix());
                    problems.add(finding.ruleId() + ": " + finding.fix().title()
                            + ": the result would not parse, so it was not applied");
                    continue;
                }
                state = next;
                record(List.of(finding));
                appliedKeys.add(key(finding));
                any = true;
            }
            return any ? state : null;
        }

        private void record(List<Finding> findings) {
            for (Finding f : findings) {
                applied.add(new AppliedFix(f, f.fix(), rounds));
            }
        }

        private FixResult result() {
            List<FileChange> changes = new ArrayList<>();
            for (var entry : overlay.entrySet()) {
                FileTexts.Original original = texts.original(entry.getKey());
                if (!entry.getValue().equals(original.text())) {
                    changes.add(new FileChange(entry.getKey(), original.text(), entry.getValue(), original.fingerprint()));
                }
            }
            Set<String> reportedBefore = new HashSet<>();
            before.findings().forEach(f -> reportedBefore.add(f.ruleId() + "@" + f.location().file()));
            List<Finding> introduced = current.findings().stream()
                    .filter(f -> !reportedBefore.contains(f.ruleId() + "@" + f.location().file())).toList();
            List<Remaining> remaining = current.findings().stream().map(f -> new Remaining(f, reason(f))).toList();
            return new FixResult(before, current, applied, changes, remaining, introduced, problems, rounds);
        }

        private Remaining.Reason reason(Finding finding) {
            if (!options.selects(finding.ruleId())) {
                return Remaining.Reason.NOT_SELECTED;
            }
            FixSafety safety = finding.fix() != null ? finding.fix().safety() : finding.rule().fix();
            return switch (safety) {
                case NONE -> Remaining.Reason.NO_FIX;
                case SUGGESTION -> Remaining.Reason.SUGGESTION;
                case UNSAFE -> options.unsafe() ? reasonOffered(finding) : Remaining.Reason.UNSAFE;
                case SAFE -> reasonOffered(finding);
            };
        }

        private Remaining.Reason reasonOffered(Finding finding) {
            return finding.fix() == null ? Remaining.Reason.NO_FIX : Remaining.Reason.NOT_RESOLVED;
        }
    }
}
