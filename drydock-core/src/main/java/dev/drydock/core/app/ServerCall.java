package dev.drydock.core.app;

/**
 * A server the application's own code starts: Flask's {@code app.run(...)}, {@code uvicorn.run(...)},
 * Express's {@code app.listen(port)}.
 *
 * @param server what it starts, in words ({@code Flask's development server})
 * @param call the call as written ({@code app.run(host="0.0.0.0", port=port, debug=...)})
 * @param development whether it is a development server (or a production one in reload/debug mode)
 * @param mainOnly whether it runs only when the file is run as a script ({@code if __name__ == "__main__":})
 * @param file where it is
 * @param line its line
 * @param host the host argument as written, or null
 * @param port the port it listens on when it can be told (a literal, or the default of an environment lookup), else null
 * @param portText the port argument as written, or null
 * @param portVariable the environment variable the port argument reads, directly or through a name, or null
 * @param debug the debug argument as written, or null
 * @param share Gradio's share argument as written (share=True asks for a public link through Gradio's share
 *     servers), or null
 * @param auth Gradio's auth or auth_dependency argument as written with its keyword ({@code auth=(...)}), or null
 * @param addressVariable whether {@code portVariable} holds the whole address ({@code ADDR=:8080}) rather than the
 *     port alone
 * @param tls whether the server takes only TLS on its port or only plain HTTP, as its configuration says; null when
 *     that cannot be told
 */
public record ServerCall(String server, String call, boolean development, boolean mainOnly, String file, int line,
        String host, Integer port, String portText, String portVariable, String debug, String share, String auth,
        boolean addressVariable, Tls tls) {

    /**
     * What the server speaks on its port.
     *
     * @param on whether it takes only TLS connections (false: only plain HTTP)
     * @param because why, in words: {@code server.ssl.key-store in src/main/resources/application.properties:4}
     * @param certfile the certificate file the code names as a literal, or null
     * @param keyfile the private key file the code names as a literal, or null
     * @param noFiles for TLS without literal certificate and key files, why, in words ({@code 'adhoc' has Werkzeug
     *     make a throwaway self-signed certificate at every start}), when the server start tells; else null
     */
    public record Tls(boolean on, String because, String certfile, String keyfile, String noFiles) {

        /** TLS on or off for a reason, with no certificate files told. */
        public Tls(boolean on, String because) {
            this(on, because, null, null, null);
        }

        /** Whether the server takes TLS with the certificate and key files the code names. */
        public boolean files() {
            return on && certfile != null && keyfile != null;
        }
    }

    /** The same start with what it speaks on its port. */
    public ServerCall withTls(Tls given) {
        return new ServerCall(server, call, development, mainOnly, file, line, host, port, portText, portVariable, debug,
                share, auth, addressVariable, given);
    }

    /** A server start whose TLS is not told. */
    public ServerCall(String server, String call, boolean development, boolean mainOnly, String file, int line,
            String host, Integer port, String portText, String portVariable, String debug, String share, String auth,
            boolean addressVariable) {
        this(server, call, development, mainOnly, file, line, host, port, portText, portVariable, debug, share, auth,
                addressVariable, null);
    }

    /**
     * The end of {@link #call} for a framework's default port, when nothing sets the property: {@code server.port
     * unset}.
     */
    public static final String UNSET = " unset";

    /** How Dash's development server is named ({@link #dash}). */
    static final String DASH_SERVER = "Dash's development server";

    /**
     * Whether this is Dash's development server: the application's WSGI callable is then not the Dash object but the
     * Flask server it wraps, {@code app.server}.
     */
    public boolean dash() {
        return server != null && server.startsWith(DASH_SERVER);
    }

    /** The object whose method starts the server ({@code app} in {@code app.run(...)}), or null. */
    public String owner() {
        int paren = call == null ? -1 : call.indexOf('(');
        int dot = paren < 0 ? -1 : call.lastIndexOf('.', paren);
        return dot <= 0 ? null : call.substring(0, dot);
    }

    /** Whether the port is the framework's default, as nothing sets it. */
    public boolean defaultPort() {
        return call != null && call.endsWith(UNSET);
    }

    /** A server start whose variable, if any, holds the port alone. */
    public ServerCall(String server, String call, boolean development, boolean mainOnly, String file, int line,
            String host, Integer port, String portText, String portVariable, String debug, String share, String auth) {
        this(server, call, development, mainOnly, file, line, host, port, portText, portVariable, debug, share, auth,
                false);
    }

    /** A server start with no share link. */
    public ServerCall(String server, String call, boolean development, boolean mainOnly, String file, int line,
            String host, Integer port, String portText, String portVariable, String debug) {
        this(server, call, development, mainOnly, file, line, host, port, portText, portVariable, debug, null, null);
    }
}
