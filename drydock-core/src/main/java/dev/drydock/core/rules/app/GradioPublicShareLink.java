package dev.drydock.core.rules.app;

import dev.drydock.core.app.ServerCall;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.source.Span;
import java.util.Locale;

@RuleDefinition(
        id = "gradio-public-share-link",
        title = "Gradio app opens a public share link",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "The launch() calls of the Gradio applications the containers run (read through `python app.py`):"
                + " share=True (by keyword or as the third positional argument), or no share argument while the"
                + " container's environment sets GRADIO_SHARE=True, which launch() reads then. High; medium when"
                + " launch() is given auth or auth_dependency. Quiet for share=False and for an expression (a value"
                + " read from the environment at run time).",
        problem = "With share=True, Gradio opens a tunnel from the process to Gradio's share servers and prints a"
                + " public https://<random>.gradio.live address that forwards to the app until the link expires (a"
                + " week in current releases, 72 hours in earlier ones). The tunnel is an outgoing connection: it"
                + " does not go through the container's published ports, the host's firewall or the reverse proxy"
                + " and authentication in front of the service.",
        impact = "Anyone who has or finds the link can use the application (its models, uploads, the functions it"
                + " exposes as API endpoints) from anywhere, without the login the deployment puts in front of it;"
                + " the traffic passes through a third party's servers.",
        recommendation = "Remove share=True (Gradio's default is no share link) and reach the app through the"
                + " container's published port, behind the deployment's own proxy and authentication. For a"
                + " deliberate temporary demo, pass auth= to launch(), or run your own share server"
                + " (share_server_address).",
        references = {
                "https://www.gradio.app/guides/sharing-your-app#sharing-demos",
                "https://www.gradio.app/docs/gradio/blocks#blocks-launch",
                "https://www.gradio.app/guides/sharing-your-app#authentication"},
        aliases = {},
        fix = FixSafety.NONE,
        effort = "5 min",
        examples = @RuleExample(
                file = "app.py",
                bad = """
                        import gradio as gr


                        def shout(text):
                            return text.upper()


                        demo = gr.Interface(fn=shout, inputs="text", outputs="text")
                        demo.launch(server_name="0.0.0.0", share=True)
                        """,
                good = """
                        import gradio as gr


                        def shout(text):
                            return text.upper()


                        demo = gr.Interface(fn=shout, inputs="text", outputs="text")
                        demo.launch(server_name="0.0.0.0")
                        """,
                alongside = @ExampleFile(name = "Dockerfile", content = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        RUN pip install --no-cache-dir gradio==5.4.0
                        COPY app.py .
                        EXPOSE 7860
                        CMD ["python", "app.py"]
                        """)))
public final class GradioPublicShareLink implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (Container c : context.builtContainers()) {
            EntryPoint ep = c.entryPoint();
            for (ServerCall call : Apps.of(context, c).serverCalls()) {
                if (!call.server().startsWith("Gradio")) {
                    continue;
                }
                String reason = reason(call, ep);
                if (reason == null) {
                    continue;
                }
                Span span = context.project().source(call.file()).map(f -> f.lines(call.line(), call.line())).orElse(null);
                boolean auth = call.auth() != null && !call.auth().strip().endsWith("=None");
                context.finding(this, new Location(call.file(), span), "`" + call.call() + "` " + reason + ": Gradio"
                                + " opens a tunnel to its share servers and a public https://<random>.gradio.live address"
                                + " forwards to the app, around the container's published ports and whatever proxy or"
                                + " firewall guards them, until the link expires"
                                + (auth ? "; launch() asks for a login (" + call.auth().strip() + ")"
                                        : ", and launch() asks for no login: anyone with the link can use it"))
                        .severity(auth ? Severity.MEDIUM : Severity.HIGH)
                        .recommendation(call.share() != null
                                ? "Remove share=" + call.share().strip() + " from launch() and reach the app through the"
                                        + " container's published port (" + (call.port() == null ? 7860 : call.port())
                                        + "), behind the deployment's own proxy and authentication."
                                : "Remove GRADIO_SHARE from the container's environment (or pass share=False to launch())"
                                        + " and reach the app through the container's published port.")
                        .add();
            }
        }
    }

    /** Why the call asks for a share link, or null when it does not (or it cannot be told). */
    private static String reason(ServerCall call, EntryPoint ep) {
        if (call.share() != null) {
            return call.share().strip().equals("True") ? "asks for a public share link" : null;
        }
        String variable = ep == null ? null : ep.environment().get("GRADIO_SHARE");
        return variable != null && variable.toLowerCase(Locale.ROOT).equals("true")
                ? "has no share argument, so it reads GRADIO_SHARE=" + variable.strip() + " from the environment and"
                        + " asks for a public share link"
                : null;
    }
}
