package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathGlobs;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.GeneratedSecrets;
import dev.drydock.core.rules.support.GeneratedSecrets.Generated;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.source.Span;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "secret-generated-at-build",
        title = "A RUN generates a key or secret that every container of the image shares",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "RUNs of the stages the image is built on that make up a key and leave it in the file system:"
                + " ssh-keygen -A or ssh-keygen -f FILE (SSH host and user keys), installing openssh-server (or the ssh"
                + " package) with apt or running dpkg-reconfigure openssh-server on Debian and Ubuntu, whose install"
                + " script makes the host keys (Alpine's openssh package leaves that to sshd's init script), openssl req -keyout, genrsa, genpkey,"
                + " gendsa and ecparam -genkey (TLS private keys), Laravel's php artisan key:generate (APP_KEY written"
                + " into .env), Rails' credentials:edit (config/master.key), Symfony's secrets:generate-keys, and the"
                + " output of a generator made for secrets (Python's secrets.token_*, Django's get_random_secret_key,"
                + " Fernet.generate_key, rails secret, mix phx.gen.secret, artisan key:generate --show) written to a"
                + " file, directly, through a pipeline or tee, or echoed in a NAME=$(...) line; random bytes"
                + " (/dev/urandom, openssl rand, pwgen) count when the file or the variable is named like a secret."
                + " In a builder stage the key is reported only when a COPY --from into the image takes the file or a"
                + " folder above it. Not reported: a file the same RUN deletes again (rm, also by a glob or a folder"
                + " above it), a file under a cache or tmpfs mount, ssh-keygen's other modes (-l, -y, -R ...),"
                + " openssl req -key with an existing key, and the Debian ssl-cert package's snakeoil key (made by the"
                + " package's install script, also when postgresql or another package pulls it in): it is a known"
                + " placeholder no client is meant to trust, and a build that installs the package has not chosen it.",
        problem = "A key made in a RUN is stored in an image layer: every container started from the image has the same"
                + " key, and anyone who can pull the image can read it, even when a later RUN deletes the file.",
        impact = "With the private key of an SSH or TLS server, anyone who has the image can impersonate every container"
                + " or read intercepted traffic; with an application key (APP_KEY, SECRET_KEY, the Rails master key)"
                + " they can forge sessions and signed cookies or decrypt stored data.",
        recommendation = "Make the key when the container first starts, into a volume so that it survives re-creation,"
                + " or give it to the container at run time as a secret; when the build itself needs a key, mount it"
                + " as a BuildKit secret (RUN --mount=type=secret) or use a throwaway one deleted in the same RUN.",
        references = {
                "https://docs.docker.com/build/building/secrets/",
                "https://docs.docker.com/compose/how-tos/use-secrets/",
                "https://man.openbsd.org/ssh-keygen.1",
                "https://laravel.com/docs/encryption#configuration",
                "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html"},
        fix = FixSafety.NONE,
        effort = "30 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:bookworm-slim
                        RUN apt-get update && apt-get install -y --no-install-recommends openssh-server \\
                         && rm -rf /var/lib/apt/lists/* && ssh-keygen -A
                        CMD ["/usr/sbin/sshd", "-D", "-e"]
                        """,
                good = """
                        FROM debian:bookworm-slim
                        RUN apt-get update && apt-get install -y --no-install-recommends openssh-server \\
                         && rm -rf /var/lib/apt/lists/* /etc/ssh/ssh_host_*
                        COPY --chmod=755 entrypoint.sh /usr/local/bin/
                        ENTRYPOINT ["entrypoint.sh"]
                        CMD ["/usr/sbin/sshd", "-D", "-e"]
                        """))
public final class SecretGeneratedAtBuild implements Rule {

    @Override
    public void check(ReviewContext context) {
        Set<Span> reported = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            for (BuildRuns.StageRun stageRun : BuildRuns.of(image)) {
                Set<String> written = new HashSet<>();
                for (Generated generated : GeneratedSecrets.in(stageRun.run())) {
                    if (GeneratedSecrets.removedLater(stageRun.run(), generated)
                            || stageRun.run().cacheMountCovers(generated.path()) || !written.add(generated.path())) {
                        continue;
                    }
                    Optional<CopyCommand> carried = stageRun.builder()
                            ? carriedInto(image, stageRun.stage(), generated.path()) : Optional.empty();
                    if (stageRun.builder() && carried.isEmpty() || !reported.add(generated.span())) {
                        continue;
                    }
                    report(context, image, stageRun.stage(), generated, carried);
                }
            }
        }
    }

    /** The COPY --from into the image's stages that takes the file from the builder stage (or one built on it). */
    private static Optional<CopyCommand> carriedInto(BuiltImage image, Stage builder, String path) {
        DockerfileModel model = image.model();
        for (Stage stage : image.imageStages()) {
            for (CopyCommand copy : stage.copies()) {
                if (copy.fromStage() < 0 || copy.fromStage() >= model.stages().size()
                        || !Stages.lineage(model, model.stages().get(copy.fromStage())).contains(builder)) {
                    continue;
                }
                // COPY --from reads its sources from the root of the other stage, whatever the WORKDIR
                if (copy.sources().stream().map(ContainerPaths::clean).anyMatch(s -> PathGlobs.covers(s, path))) {
                    return Optional.of(copy);
                }
            }
        }
        return Optional.empty();
    }

    private void report(ReviewContext context, BuiltImage image, Stage stage, Generated generated,
            Optional<CopyCommand> carried) {
        String what = switch (generated.kind()) {
            case SSH_HOST_KEY -> "the SSH host keys " + generated.shown();
            case INSTALLED_SSH_HOST_KEY -> "the SSH host keys " + generated.shown() + " (the install script of Debian's"
                    + " openssh-server makes them when they are missing)";
            case SSH_KEY -> "the SSH private key " + generated.shown();
            case TLS_KEY -> "the TLS private key " + generated.shown();
            case LARAVEL_APP_KEY -> "Laravel's APP_KEY into " + generated.shown();
            case RAILS_MASTER_KEY -> "the Rails master key " + generated.shown();
            case SYMFONY_DECRYPTION_KEY -> "Symfony's secrets decryption key " + generated.shown();
            case RANDOM_SECRET -> "a random secret into " + generated.shown();
        };
        String where = carried.map(c -> ", in " + Stages.describe(stage) + ", and the COPY --from on line "
                + c.instruction().span().startLine() + " takes it into the image").orElse("");
        String message = "This RUN makes " + what + " at build time" + where + ": every container of the image has the"
                + " same key, and anyone who can pull the image can read it from its layers"
                + (generated.kind() == GeneratedSecrets.Kind.LARAVEL_APP_KEY
                        ? " (a container given its own APP_KEY in its environment overrides .env, one that is not uses this key)" : "");
        context.finding(this, image.dockerfile(), generated.span(), message)
                .recommendation(recommendation(generated))
                .add();
    }

    private static String recommendation(Generated generated) {
        return switch (generated.kind()) {
            case SSH_HOST_KEY, INSTALLED_SSH_HOST_KEY -> "Delete the host keys in the same RUN (`rm -f /etc/ssh/ssh_host_*`) and make them when"
                    + " the container starts: `ssh-keygen -A` in the entrypoint before sshd, with /etc/ssh/ssh_host_* kept"
                    + " in a volume (or sshd's HostKey pointing into one) so that clients see the same keys after a"
                    + " re-creation; or mount host keys you manage as secrets.";
            case SSH_KEY -> "Do not bake an SSH private key into the image: mount it at run time as a secret (compose"
                    + " secrets, a Kubernetes Secret), or for a build-only need use `RUN --mount=type=ssh` or"
                    + " `RUN --mount=type=secret`.";
            case TLS_KEY -> "Give the container its certificate and key at run time (a compose secret or a mounted"
                    + " volume, a Kubernetes TLS Secret), or make the self-signed pair in the entrypoint on first start"
                    + " into a volume (`[ -f key.pem ] || openssl req -x509 ...`), so that each deployment has its own key.";
            case LARAVEL_APP_KEY -> "Remove `php artisan key:generate` from the build: make the key once per"
                    + " environment (`php artisan key:generate --show`) and give it to the container as APP_KEY at run"
                    + " time (env_file, a compose secret, the platform's secret store); keep .env out of the image.";
            case RAILS_MASTER_KEY -> "Do not create credentials in the build: keep config/master.key out of the image"
                    + " and give the key as RAILS_MASTER_KEY at run time; for assets:precompile use"
                    + " `SECRET_KEY_BASE_DUMMY=1`.";
            case SYMFONY_DECRYPTION_KEY -> "Generate the keys on a trusted machine, commit only the encryption key, and"
                    + " give the decryption key to the container at run time (SYMFONY_DECRYPTION_SECRET or a mounted"
                    + " secret file).";
            case RANDOM_SECRET -> "Make the value per environment and give it at run time (an environment variable from"
                    + " a git-ignored .env, a compose secret), or generate it in the entrypoint on first start into a"
                    + " volume; if the build needs a value (collectstatic, assets), use a throwaway one deleted in the"
                    + " same RUN or a BuildKit secret mount (`RUN --mount=type=secret,id=...`).";
        };
    }
}
