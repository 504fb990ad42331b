package dev.drydock.core.rules.app;

import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "notebook-authentication-disabled",
        title = "Jupyter server started without a token or password",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "The command of each container (a Dockerfile's ENTRYPOINT and CMD, a compose service's entrypoint"
                + " and command, exec or shell form) for a Jupyter server option that sets the token to the empty"
                + " string (--NotebookApp.token, --ServerApp.token or --IdentityProvider.token given '', \"\" or"
                + " nothing after the =) while no option sets a password (--NotebookApp.password, --ServerApp.password,"
                + " --PasswordIdentityProvider.hashed_password with a value). Quiet when a password is set, and for"
                + " a token taken from a variable.",
        problem = "A Jupyter server whose token is empty and that has no password lets every request in: Jupyter"
                + " logs that all authentication is disabled. Its API starts kernels and terminals, which run any"
                + " code as the container's user.",
        impact = "Whoever reaches the port (the published port on every interface of the host, the container"
                + " network, a proxy in front of it) runs code in the container, reads the notebooks and the data and"
                + " credentials mounted into it, and uses its network access: unprotected Jupyter servers are"
                + " scanned for and taken over for crypto-mining.",
        recommendation = "Remove the empty token option: the server then makes a random token and prints the login"
                + " URL to the log (docker logs), or pass a secret token from the environment"
                + " (JUPYTER_TOKEN, which Jupyter reads) or a hashed password. For a notebook only you use, publish"
                + " the port on 127.0.0.1.",
        references = {
                "https://jupyter-server.readthedocs.io/en/latest/operators/security.html",
                "https://jupyter-docker-stacks.readthedocs.io/en/latest/using/common.html",
                "https://jupyter-server.readthedocs.io/en/latest/other/full-config.html"},
        aliases = {},
        fix = FixSafety.NONE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM quay.io/jupyter/pyspark-notebook:spark-3.5.3
                        COPY --chown=${NB_UID}:${NB_GID} notebooks/ /home/jovyan/work/
                        CMD ["start-notebook.py", "--IdentityProvider.token=''"]
                        """,
                good = """
                        FROM quay.io/jupyter/pyspark-notebook:spark-3.5.3
                        COPY --chown=${NB_UID}:${NB_GID} notebooks/ /home/jovyan/work/
                        CMD ["start-notebook.py"]
                        """))
public final class NotebookAuthenticationDisabled implements Rule {

    private static final Pattern EMPTY_TOKEN = Pattern.compile(
            "^--((?:NotebookApp|ServerApp|IdentityProvider)\\.token)(?:=(''|\"\")?)?$");
    private static final Pattern PASSWORD = Pattern.compile(
            "^--(?:NotebookApp|ServerApp|PasswordIdentityProvider)\\.(?:hashed_)?password=(.*)$");

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (Container c : context.project().containers()) {
            EffectiveCommand command = c.command();
            if (command == null || command.origin() == null) {
                continue;
            }
            List<String> words = command.shellForm() && command.script() != null
                    ? List.of(command.script().trim().split("\\s+")) : command.argv();
            String token = null;
            boolean password = false;
            for (int i = 0; i < words.size(); i++) {
                String word = unquoted(words.get(i));
                Matcher empty = EMPTY_TOKEN.matcher(word);
                if (empty.matches() && (word.contains("=") || i + 1 < words.size() && isEmpty(words.get(i + 1)))) {
                    token = word.contains("=") ? word : word + " ''";
                }
                Matcher pass = PASSWORD.matcher(word);
                if (pass.matches() && !isEmpty(pass.group(1))) {
                    password = true;
                }
            }
            if (token == null || password || !reported.add(command.origin().file() + ":" + command.origin().line())) {
                continue;
            }
            context.finding(this, command.origin(), "`" + token + "` gives the Jupyter server" + (c.isComposeService() ? " of " + c.name() : "")
                            + " an empty token and no option sets a password, so it accepts every request without"
                            + " logging in: whoever reaches its port starts kernels and terminals and runs code as the"
                            + " container's user")
                    .recommendation("Remove `" + token + "`: Jupyter then makes a random token and prints the login URL"
                            + " to the container's log; or pass a secret token through the environment (JUPYTER_TOKEN)"
                            + " or a hashed password, and publish the port on 127.0.0.1 for a notebook only you use.")
                    .add();
        }
    }

    /** A word of a shell command or JSON array without the quotes around it ({@code "--ServerApp.token=''"}). */
    private static String unquoted(String word) {
        String w = word.strip();
        if (w.length() >= 2 && (w.charAt(0) == '"' && w.endsWith("\"") || w.charAt(0) == '\'' && w.endsWith("'"))
                && !w.equals("''") && !w.equals("\"\"")) {
            return w.substring(1, w.length() - 1);
        }
        return w;
    }

    private static boolean isEmpty(String value) {
        String v = value.strip();
        return v.isEmpty() || v.equals("''") || v.equals("\"\"");
    }
}
