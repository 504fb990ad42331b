package dev.drydock.core.rules.support;

import dev.drydock.core.app.AppSource;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP servers that a data or machine-learning tool's own command starts, with the port it listens on and
 * the health endpoint it documents: Jupyter ({@code jupyter notebook|lab|server}, the Docker Stacks'
 * {@code start-notebook.py}: 8888, {@code /api}), Airflow's {@code webserver} (8080, {@code /health}) and Airflow
 * 3's {@code api-server} (8080, {@code /api/v2/monitor/health}), Dagster's {@code dagster-webserver} (and its former
 * name {@code dagit}: 3000, {@code /server_info}, which Dagster's Helm chart probes), {@code mlflow server|ui} (5000,
 * {@code /health}),
 * vLLM's {@code vllm serve} and API server modules (8000, {@code /health}), Hugging Face's
 * {@code text-generation-launcher} (PORT, 80 in its image, {@code /health}), TorchServe ({@code torchserve}: its
 * inference API on 8080 unless config.properties moves it, {@code /ping}), BentoML's {@code bentoml serve} (3000,
 * {@code /readyz}, which answers once the service has loaded), Ray Serve's {@code serve run} (its HTTP proxy on 8000
 * unless the config's http_options move it, {@code /-/healthz}, which answers 503 until the applications' routes are
 * in place) and Streamlit ({@code /_stcore/health}).
 */
public final class PackagedServers {

    private PackagedServers() {}

    /**
     * A server a tool's command starts.
     *
     * @param name the tool, for messages ({@code Jupyter Server})
     * @param port where it listens: the command's port option, else the environment variable the tool reads,
     *     else its default
     * @param explicit whether the command or the environment sets that port
     * @param healthPath the path it answers 200 on while it works
     * @param loadsModel whether it loads a model's weights before it answers (vLLM, text-generation-inference):
     *     downloading and loading them take minutes, so a probe needs a long start period
     */
    public record Server(String name, int port, boolean explicit, String healthPath, boolean loadsModel) {

        public Server(String name, int port, boolean explicit, String healthPath) {
            this(name, port, explicit, healthPath, false);
        }

        /** The start period a HEALTHCHECK of the server needs, or null for the usual one. */
        public String startPeriod() {
            return loadsModel ? MODEL_START_PERIOD : null;
        }

        Server loadingModel() {
            return new Server(name, port, explicit, healthPath, true);
        }
    }

    /**
     * The start period for a model server: vLLM's Kubernetes guide delays its probes by 60 s for a 7B model whose
     * weights are already cached and notes that downloading them takes minutes more; a probe that succeeds ends the
     * start period early, so a long one costs nothing when the server is up sooner.
     */
    public static final String MODEL_START_PERIOD = "600s";

    private static final Set<String> JUPYTER_COMMANDS = Set.of("notebook", "lab", "server", "nbclassic");
    private static final Set<String> START_NOTEBOOK = Set.of("start-notebook.py", "start-notebook.sh");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,5}");

    /** The server the container's serving command starts, or empty when it is none of these tools. */
    public static Optional<Server> of(Container c) {
        return of(Processes.serving(c));
    }

    /** The server a command starts, or empty when it is none of these tools. */
    public static Optional<Server> of(EntryPoint ep) {
        if (ep == null || ep.args().isEmpty()) {
            return Optional.empty();
        }
        if (ep.runtime() == Runtime.STREAMLIT) {
            return Optional.of(new Server("Streamlit", 8501, false, "/_stcore/health"));
        }
        List<String> args = ep.args();
        String program = PathNames.fileName(args.get(0));
        List<String> rest = args.subList(1, args.size());
        if (ep.runtime() == Runtime.PYTHON && ep.target().module() != null) {
            int m = args.indexOf("-m");
            rest = m >= 0 && m + 2 <= args.size() ? args.subList(m + 2, args.size()) : List.of();
            program = ep.target().module();
        } else if (ep.runtime() == Runtime.PYTHON && ep.target().value() != null) {
            String script = PathNames.fileName(ep.target().value()); // start-notebook.py run as a program
            int at = args.stream().map(PathNames::fileName).toList().indexOf(script);
            rest = at >= 0 ? args.subList(at + 1, args.size()) : List.of();
            program = script;
        }
        String sub = rest.isEmpty() ? "" : rest.get(0);
        return Optional.ofNullable(switch (program) {
            case "jupyter" -> JUPYTER_COMMANDS.contains(sub) ? jupyter(ep, rest) : null;
            case "jupyter-notebook", "jupyter-lab", "jupyter-server", "jupyter-nbclassic" -> jupyter(ep, rest);
            case "start-notebook.py", "start-notebook.sh" -> jupyter(ep, rest);
            case "airflow" -> sub.equals("webserver") ? server("Airflow's webserver", rest, ep, null, 8080, "/health")
                    : sub.equals("api-server") ? server("Airflow's API server", rest, ep, null, 8080, "/api/v2/monitor/health")
                    : null;
            case "dagster-webserver", "dagit" -> server("Dagster's webserver", rest, ep, null, 3000, "/server_info");
            case "mlflow" -> sub.equals("server") || sub.equals("ui")
                    ? server("the MLflow tracking server", rest, ep, null, 5000, "/health") : null;
            case "vllm" -> sub.equals("serve") ? server("vLLM's OpenAI-compatible server", rest, ep, null, 8000, "/health")
                    .loadingModel() : null;
            case "vllm.entrypoints.openai.api_server" ->
                    server("vLLM's OpenAI-compatible server", rest, ep, null, 8000, "/health").loadingModel();
            case "vllm.entrypoints.api_server" ->
                    server("vLLM's demonstration API server", rest, ep, null, 8000, "/health").loadingModel();
            case "bentoml" -> sub.equals("serve") ? server("BentoML", rest, ep, null, 3000, "/readyz").loadingModel() : null;
            case "serve" -> sub.equals("run")
                    ? server("Ray Serve's HTTP proxy", List.of(), ep, null, 8000, "/-/healthz").loadingModel() : null;
            case "torchserve" -> args.contains("--stop") || args.contains("--version") || args.contains("--help")
                    ? null : server("TorchServe's inference API", List.of(), ep, null, 8080, "/ping").loadingModel();
            case "text-generation-launcher" ->
                    server("text-generation-inference", rest, ep, "PORT", 80, "/health").loadingModel();
            default -> null;
        });
    }

    /**
     * The server the image's base starts when the Dockerfile sets no command: text-generation-inference's
     * launcher (ENTRYPOINT text-generation-launcher, ENV PORT=80 in ghcr.io/huggingface/text-generation-inference).
     */
    public static Optional<Server> inherited(Container c) {
        if (c.command() != null || c.build() == null || c.build().stage() == null
                || !(Stages.rootBase(c.build().model(), c.build().stage()) instanceof BaseImage.External base)
                || base.reference() == null || base.reference().fullName() == null) {
            return Optional.empty();
        }
        String name = base.reference().fullName().toLowerCase(Locale.ROOT);
        return name.equals("ghcr.io/huggingface/text-generation-inference")
                ? Optional.of(new Server("text-generation-inference", 80, false, "/health", true)) : Optional.empty();
    }

    /**
     * The Gradio server the application's code starts ({@code demo.launch()}), which serves its page at {@code /}; empty
     * when the code starts none. Its port is the code's ({@link CodePorts}).
     */
    public static Optional<Server> ofCode(AppSource app) {
        return app == null ? Optional.empty() : app.serverCalls().stream().filter(call -> call.server().startsWith("Gradio"))
                .findFirst().map(call -> new Server("Gradio's server (" + call.file() + ":" + call.line() + ")",
                        call.port() == null ? 7860 : call.port(), false, "/"));
    }

    /**
     * Whether the base image is one of the Jupyter Docker Stacks' notebook images, whose Dockerfile ends with a
     * HEALTHCHECK of its own (docker_healthcheck.py asks the running server's /api): quay.io/jupyter/*-notebook,
     * and the last images published on Docker Hub (jupyter/*-notebook:latest). The Dockerfile inherits it.
     */
    public static boolean baseChecksJupyter(BaseImage base) {
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || external.reference().fullName() == null) {
            return false;
        }
        return dev.drydock.core.image.JupyterStackImages.checksItself(external.reference());
    }

    /**
     * Whether the base image is one of serversideup/php's server variants (fpm, fpm-nginx, fpm-apache, unit, with or
     * without -alpine), whose Dockerfiles end with a HEALTHCHECK of their own: php-fpm-healthcheck for fpm, an HTTP
     * request to HEALTHCHECK_PATH (/healthcheck) on port 8080 for the others. The Dockerfile inherits it; the cli
     * variant has none.
     */
    public static boolean baseChecksServersideUp(BaseImage base) {
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || external.reference().fullName() == null) {
            return false;
        }
        String name = external.reference().fullName().toLowerCase(Locale.ROOT);
        String tag = external.reference().effectiveTag() == null ? "" : external.reference().effectiveTag();
        return (name.equals("docker.io/serversideup/php") || name.equals("ghcr.io/serversideup/php"))
                && tag.matches("(.*-)?(fpm|fpm-nginx|fpm-apache|unit)(-.*)?");
    }

    private static Server jupyter(EntryPoint ep, List<String> rest) {
        Integer port = option(rest, "--port", "--ServerApp.port", "--NotebookApp.port");
        String variable = ep.environment().get("JUPYTER_PORT"); // read by the Docker Stacks' jupyter_server_config.py
        if (port == null && variable != null && DIGITS.matcher(variable.strip()).matches()) {
            port = Integer.valueOf(variable.strip());
        }
        return new Server("Jupyter Server", port == null ? 8888 : port, port != null, "/api");
    }

    private static Server server(String name, List<String> rest, EntryPoint ep, String variable, int fallback,
            String path) {
        Integer port = option(rest, "--port", "-p");
        String value = variable == null ? null : ep.environment().get(variable);
        if (port == null && value != null && DIGITS.matcher(value.strip()).matches()) {
            port = Integer.valueOf(value.strip());
        }
        return new Server(name, port == null ? fallback : port, port != null, path);
    }

    private static final String[] PORT_OPTIONS = {"--port", "-p", "--ServerApp.port", "--NotebookApp.port"};
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)(?::?-[^}]*)?}?");

    /**
     * The environment variable a recognised server's port option reads when the container's environment leaves
     * it unset ({@code vllm serve $MODEL --port $PORT}, a port the platform gives at run time); null when the
     * command gives no port option, a number, or is none of these servers.
     */
    public static String portVariable(EntryPoint ep) {
        if (of(ep).isEmpty()) {
            return null;
        }
        List<String> args = ep.args();
        for (int i = 1; i < args.size(); i++) {
            for (String name : PORT_OPTIONS) {
                String value = args.get(i).equals(name) && i + 1 < args.size() ? args.get(i + 1)
                        : args.get(i).startsWith(name + "=") ? args.get(i).substring(name.length() + 1) : null;
                Matcher m = value == null ? null : VARIABLE.matcher(value);
                if (m != null && m.matches()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    /** The number given to any of the options, as {@code --port 8081} or {@code --port=8081}; null when none or not a number. */
    private static Integer option(List<String> args, String... names) {
        for (int i = 0; i < args.size(); i++) {
            for (String name : names) {
                String value = args.get(i).equals(name) && i + 1 < args.size() ? args.get(i + 1)
                        : args.get(i).startsWith(name + "=") ? args.get(i).substring(name.length() + 1) : null;
                if (value != null) {
                    return DIGITS.matcher(value).matches() ? Integer.valueOf(value) : null;
                }
            }
        }
        return null;
    }
}
