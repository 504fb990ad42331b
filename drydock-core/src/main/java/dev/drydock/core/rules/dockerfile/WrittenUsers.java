package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.PlainText;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.DotnetImages;
import dev.drydock.core.rules.support.ImageRole;
import dev.drydock.core.rules.support.PrivilegeDrop;
import dev.drydock.core.rules.support.Processes;
import dev.drydock.core.rules.support.RootStartSteps;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.UserIds;
import dev.drydock.core.rules.support.WrittenInstructions;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * runs-as-root for a container whose user is written out: the last USER of its stage or its compose service's
 * {@code user:}. Root there is a finding, unless an entry point drops it after preparing the files or a process manager
 * decides who its programs run as; another user is a strength.
 */
final class WrittenUsers {

    private static final Pattern ARGUMENT = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

    private WrittenUsers() {}

    static void report(Rule rule, ReviewContext context, Container container, Container.Setting user) {
        Optional<PrivilegeDrop> rootToPrepare = UserIds.isRoot(user.value())
                ? PrivilegeDrop.of(context, container).filter(PrivilegeDrop::always) : Optional.empty();
        if (rootToPrepare.isPresent()) {
            context.strength(rule, user.origin(), RootNotes.startsAsRootToPrepare(rootToPrepare.get()));
        } else if (UserIds.isRoot(user.value()) && overriddenImageUser(container, user) == null
                && container.supervision() != null && container.supervision().manager().supervises()
                && !Processes.supervised(container).isEmpty()) {
            // USER root written out is no USER: who the programs run as is the supervisor's to say
            SupervisedUsers.report(rule, context, container, new Location(user.origin().file(), user.origin().span()), (user.origin().file().equals(container.build().dockerfile())
                    ? "USER " : "user: ") + user.value());
        } else if (UserIds.isRoot(user.value()) && user.origin().file().equals(container.build().dockerfile())
                && ImageRole.of(container) != ImageRole.APPLICATION
                && ImageRole.program(container).filter("php-fpm"::equals).isPresent()) {
            // the pool's workers, not the master, run the PHP code: as with no USER at all
            RuntimeBasesAndServers.reportPhpFpmUnderUserRoot(rule, context, container,
                    new Location(user.origin().file(), user.origin().span()),
                    "USER " + user.value());
        } else if (UserIds.isRoot(user.value())) {
            String imageUser = overriddenImageUser(container, user);
            String fromArguments = rootFromBuildArguments(container, user);
            context.finding(rule, user.origin(), "the container runs as " + rootAsWritten(container, user) + (imageUser == null
                            ? "" : ": " + user.origin().file() + " overrides the image's USER " + imageUser)
                            + (fromArguments == null ? "" : ": " + fromArguments + " takes the defaults of its build"
                                    + " arguments, which are root; --build-arg can pass other ids, but the image"
                                    + " built without them runs as root")
                            + RootNotes.celeryAsRoot(container) + RootNotes.toolNote(context, container).orElse(""))
                    .severity(RunsAsRoot.servesRequests(context, container) ? Severity.CRITICAL
                            : RootNotes.toolNote(context, container).isPresent() ? Severity.MEDIUM : Severity.HIGH)
                    .recommendation(imageUser != null
                            ? "Remove user: " + user.value() + " so that the container runs as the image's "
                                    + imageUser + "; if a start step needs root, do it in the image build instead."
                            : rootArgument(container).orElseGet(() -> RootStartAdvice.of(container,
                                    RootStartSteps.of(container), "Run as a dedicated non-root user, e.g. "
                                            + NonRootSuggestion.of(container) + ".")))
                    .breaks(praisedImageUser(container, user))
                    .add();
        } else {
            context.strength(rule, user.origin(), "the container runs as the non-root user "
                    + describeUser(container, user) + ": a flaw in the application does not hand out root in"
                    + " the container");
        }
    }

    /** Root as the USER or {@code user:} names it: "root", or the id with the word ("root (USER 0)"). */
    private static String rootAsWritten(Container container, Container.Setting user) {
        if (user.value().equals("root")) {
            return "root";
        }
        return "root (" + (user.origin().file().equals(container.build().dockerfile()) ? "USER " : "user: ")
                + user.value() + ")";
    }

    /** The USER instruction as written when it names the user with build arguments (USER $UID:$GID), else null. */
    private static String rootFromBuildArguments(Container container, Container.Setting user) {
        var own = container.build().stage().config().user();
        if (own == null || !user.origin().file().equals(container.build().dockerfile())) {
            return null;
        }
        String written = own.instruction().rawText().strip();
        return written.contains("$") ? written : null;
    }

    /**
     * For a USER written with a build argument whose default is root ({@code USER "$USER_ID:$USER_ID"} after
     * {@code ARG USER_ID=0}, qdrant's image): give that ARG a non-root default, which the image built without
     * --build-arg then runs as, along with what the Dockerfile already does for a non-zero id.
     */
    private static Optional<String> rootArgument(Container container) {
        var own = container.build().stage().config().user();
        if (own == null || own.value() == null || !own.value().isEmpty() && !UserIds.isRoot(own.value())) {
            return Optional.empty();
        }
        Matcher m = ARGUMENT.matcher(own.instruction().rawText());
        if (!m.find()) {
            return Optional.empty();
        }
        String name = m.group(1);
        var d = container.build().stage().variables().definition(name);
        if (d == null || d.instruction() == null || d.kind() != Variables.Kind.ARG || d.value() == null
                || !d.value().equals("0") && !d.value().equals("root")) {
            return Optional.empty();
        }
        boolean usedByRuns = container.build().stage().runs().stream()
                .anyMatch(r -> r.script() != null && r.script().text().contains(name));
        return Optional.of("Give ARG " + name + " (line " + d.instruction().span().startLine() + ") a non-root"
                + " default, ARG " + name + "=10001: the image built without --build-arg then runs as that id"
                + (usedByRuns ? ", and the steps the Dockerfile takes for a non-zero " + name + " (creating the user,"
                        + " giving it its files) run in every build" : ", once a RUN creates that user and gives it the"
                        + " files it writes") + ".");
    }

    /**
     * Where the image itself runs as a non-root user that {@code user}, root written outside the Dockerfile (a compose
     * service's user:), overrides: its USER, else the FROM of a base image that runs as non-root by default, which this
     * rule praises for the containers that keep it. Null when the root comes from the image.
     */
    private static Location praisedImageUser(Container container, Container.Setting user) {
        if (user.origin().file().equals(container.build().dockerfile())) {
            return null;
        }
        var own = container.build().stage().config().user();
        if (own != null && own.value() != null) {
            return UserIds.isRoot(own.value()) ? null
                    : new Location(container.build().dockerfile(), own.instruction().span());
        }
        Stage stage = container.build().stage();
        return BaseImageFacts.defaultsToNonRoot(Stages.rootBase(container.build().model(), stage))
                ? new Location(container.build().dockerfile(), Stages.imageSpan(
                        Stages.rootStage(container.build().model(), stage)))
                : null;
    }

    /**
     * The non-root USER (with its line) of the image that a compose {@code user:} of root replaces, or null when
     * the root user is the image's own or the image sets none.
     */
    private static String overriddenImageUser(Container container, Container.Setting user) {
        var own = container.build().stage().config().user();
        if (own == null || own.value() == null || UserIds.isRoot(own.value())
                || user.origin().file().equals(container.build().dockerfile())) {
            return null;
        }
        return own.value() + " (" + container.build().dockerfile() + " line " + own.instruction().span().startLine() + ")";
    }

    /**
     * The user as a reader knows it: the value USER resolves to, or, when it names a variable of the base
     * image ({@code USER $APP_UID} of the .NET images), what the image defines there.
     */
    private static String describeUser(Container container, Container.Setting user) {
        if (!user.value().isBlank()) {
            return user.value();
        }
        return DotnetImages.appUser(container, user).orElseGet(() -> {
            Instruction own = WrittenInstructions.inImageAt(container, user.origin());
            return own != null && own.arguments() instanceof PlainText text ? text.text().strip() : "";
        });
    }
}
