package dev.drydock.core.review;

import dev.drydock.core.edit.Fix;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.project.Origin;
import dev.drydock.core.project.Project;
import dev.drydock.core.source.FactKey;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a rule sees of one review: the project model, and where to report (from several threads: see
 * {@link Rule#runsAside()}). A finding reported twice
 * (the same rule, place and message, e.g. one Dockerfile built by two services) is kept once.
 */
public final class ReviewContext {

    private static final int EXCERPT_LINES = 15;

    private final Project project;
    private final ReviewSettings settings;
    private final List<Finding> findings = new ArrayList<>();
    private final List<Strength> strengths = new ArrayList<>();
    private final List<Broken> broken = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();
    private final Map<FactKey, Object> memo = new HashMap<>();
    private final List<DockerfileSource> dockerfiles;
    private final List<Container> builtContainers;

    public ReviewContext(Project project) {
        this(project, ReviewSettings.DEFAULT);
    }

    public ReviewContext(Project project, ReviewSettings settings) {
        this.project = project;
        this.settings = settings;
        List<DockerfileSource> parsed = new ArrayList<>();
        for (DockerfileSource dockerfile : project.dockerfiles().values()) {
            if (dockerfile.parsed()) {
                parsed.add(dockerfile);
            }
        }
        this.dockerfiles = List.copyOf(parsed);
        List<Container> built = new ArrayList<>();
        for (Container container : project.containers()) {
            if (container.build() != null && container.build().stage() != null) {
                built.add(container);
            }
        }
        this.builtContainers = List.copyOf(built);
    }

    public Project project() {
        return project;
    }

    /** The project's configuration of the rules that have settings. */
    public ReviewSettings settings() {
        return settings;
    }

    /** The Dockerfiles that parsed, each once. */
    public List<DockerfileSource> dockerfiles() {
        return dockerfiles;
    }

    /** The containers whose image is built here and whose Dockerfile parsed (the target stage is known). */
    public List<Container> builtContainers() {
        return builtContainers;
    }

    /**
     * A value computed once per review and shared by the rules that ask for it, such as what an
     * application's sources say; {@code owner} is compared by identity.
     */
    public <T> T memo(String name, Object owner, Supplier<T> compute) {
        return memo(name, owner, context -> compute.get());
    }

    /**
     * {@link #memo(String, Object, Supplier)} for a value computed from the review alone: a method
     * reference such as {@code BuiltImage::group} is made once, not at every call as a capturing lambda is.
     */
    @SuppressWarnings("unchecked")
    public synchronized <T> T memo(String name, Object owner, Function<ReviewContext, T> compute) {
        FactKey key = new FactKey(name, owner);
        Object known = memo.get(key);
        if (known == null) {
            known = compute.apply(this);
            memo.put(key, known);
        }
        return (T) known;
    }

    /** A finding to fill in and {@link FindingBuilder#add() add}. */
    public FindingBuilder finding(Rule rule, Location location, String message) {
        return new FindingBuilder(rule.metadata(), location, message);
    }

    /** A finding under metadata made for it, such as one ShellCheck code reported by the shellcheck rule. */
    public FindingBuilder finding(RuleMetadata rule, Location location, String message) {
        return new FindingBuilder(rule, location, message);
    }

    public FindingBuilder finding(Rule rule, String file, Span span, String message) {
        return finding(rule, new Location(file, span), message);
    }

    public FindingBuilder finding(Rule rule, Origin origin, String message) {
        return finding(rule, origin == null ? Location.PROJECT : new Location(origin.file(), origin.span()), message);
    }

    public void strength(Rule rule, Location location, String message) {
        synchronized (this) {
            if (reported.add("+" + rule.id() + "@" + location + ":" + acrossVariants(message))) {
                strengths.add(new Strength(rule.metadata(), location, message));
            }
        }
    }

    /**
     * A message as the base file's project words it: a service of a base file is reviewed in its own project and in
     * the project of each variant file read over it ({@code compose.prod.yaml}), and a finding about what the base
     * file writes is the same one whichever project names it ("web (compose.prod.yaml)" or "web (compose.yaml)").
     */
    private String acrossVariants(String message) {
        String out = message;
        for (var v : project.composeVariants()) {
            out = out.replace("(" + v.variantFile() + ")", "(" + v.baseFile() + ")");
        }
        return out;
    }

    public void strength(Rule rule, Origin origin, String message) {
        strength(rule, origin == null ? Location.PROJECT : new Location(origin.file(), origin.span()), message);
    }

    /** The whole lines a span covers in a project file (at most 15), or null when unknown. */
    public String excerpt(Location location) {
        if (location.file() == null || location.span() == null) {
            return null;
        }
        SourceFile file = project.source(location.file()).orElse(null);
        if (file == null) {
            return null;
        }
        Span span = location.span();
        int last = Math.min(span.endLine(), span.startLine() + EXCERPT_LINES - 1);
        return file.text(file.lines(span.startLine(), last));
    }

    List<Finding> findings() {
        return findings;
    }

    List<Strength> strengths() {
        return strengths;
    }

    /**
     * The strengths to show: those at no place a finding reports as broken (a HEALTHCHECK praised by one rule and
     * reported failing by another is not a good practice), counting only the findings {@code reported} accepts: a
     * suppressed finding withdraws nothing.
     */
    List<Strength> uncontradictedStrengths(Predicate<Finding> reported) {
        List<Broken> places = broken.stream().filter(b -> reported.test(b.by())).toList();
        List<Strength> out = new ArrayList<>();
        for (Strength s : strengths) {
            List<Broken> against = places.stream().filter(b -> covers(b.at(), s.location())).toList();
            if (against.stream().anyMatch(b -> b.qualification() == null)) {
                continue;
            }
            String notes = String.join("; ", against.stream().map(Broken::qualification).distinct().toList());
            out.add(notes.isEmpty() ? s : new Strength(s.rule(), s.location(), s.message() + "; " + notes));
        }
        return out;
    }

    /**
     * A place a finding reports as broken, or, with a qualification, as good only in part: it counts only where the
     * review reports that finding (not suppressed).
     */
    private record Broken(Finding by, Location at, String qualification) {}

    private static boolean covers(Location broken, Location at) {
        return broken.file() != null && broken.file().equals(at.file()) && broken.span() != null && at.span() != null
                && broken.span().start() < at.span().end() && at.span().start() < broken.span().end();
    }

    /** Fills in the optional parts of a finding; nothing is reported until {@link #add()}. */
    public final class FindingBuilder {
        private final RuleMetadata rule;
        private final Location location;
        private final String message;
        private Severity severity;
        private String current;
        private String recommendation;
        private boolean implicit;
        private Fix fix;
        private Location brokenAt;
        private String qualification;
        private List<Location> otherPlaces = List.of();

        private FindingBuilder(RuleMetadata rule, Location location, String message) {
            this.rule = rule;
            this.location = location;
            this.message = message;
            this.severity = rule.severity();
        }

        public FindingBuilder severity(Severity value) {
            severity = value;
            return this;
        }

        /** The excerpt to show; by default the lines of the location. */
        public FindingBuilder current(String value) {
            current = value;
            return this;
        }

        /** What to do here, with the project's specifics. */
        public FindingBuilder recommendation(String value) {
            recommendation = value;
            return this;
        }

        /** The finding is about something missing: the location is the best place to add it. */
        public FindingBuilder implicit() {
            implicit = true;
            return this;
        }

        /** {@link #implicit()} when {@code value} holds. */
        public FindingBuilder implicit(boolean value) {
            implicit = value;
            return this;
        }

        /**
         * What the finding reports as broken, when it is elsewhere than its location (a Dockerfile HEALTHCHECK that a
         * deploy configuration's role cannot pass): no strength at that place is shown. Null for none.
         */
        public FindingBuilder breaks(Location value) {
            brokenAt = value;
            qualification = null;
            return this;
        }

        /**
         * The finding shows that the strength at {@code value} holds only in part (a minimal base image the Dockerfile
         * installs compilers into): the strength is shown with {@code note} after it, which names this finding's rule.
         */
        public FindingBuilder qualifies(Location value, String note) {
            brokenAt = value;
            qualification = note;
            return this;
        }

        /**
         * The finding reports as broken what is written at its own location (a HEALTHCHECK whose probe cannot succeed):
         * no strength at that place is shown.
         */
        public FindingBuilder breaks() {
            return breaks(location);
        }

        /**
         * The other places where this same problem is written (the location is the first): each format shows
         * them with the finding, which stays one finding. The message should name them.
         */
        public FindingBuilder otherPlaces(List<Location> value) {
            otherPlaces = value;
            return this;
        }

        /** The repair offered for this finding; null for none. */
        public FindingBuilder fix(Fix value) {
            fix = value;
            return this;
        }

        public void add() {
            synchronized (ReviewContext.this) {
                Finding finding = new Finding(rule, severity, location, message,
                        current != null ? current : excerpt(location), recommendation, implicit, fix, otherPlaces);
                if (brokenAt != null) {
                    broken.add(new Broken(finding, brokenAt, qualification));
                }
                if (reported.add(rule.id() + "@" + location + ":" + acrossVariants(message))) {
                    findings.add(finding);
                }
            }
        }
    }
}
