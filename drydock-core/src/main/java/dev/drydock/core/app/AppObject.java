package dev.drydock.core.app;

/**
 * The application object a server loads.
 *
 * @param framework its framework
 * @param file the file that creates it
 * @param line the line that creates it ({@code app = Flask(__name__)})
 * @param name the variable it is created as
 * @param exposedIn the file (an entry file when possible) whose module-level name gives the application
 * @param exposedAs that name ({@code app}), or the factory function ({@code create_app}) when {@code factory}
 * @param factory whether the application is made by calling {@code exposedAs}
 */
public record AppObject(Framework framework, String file, int line, String name, String exposedIn, String exposedAs,
        boolean factory) {

    /** The attribute part of a WSGI/ASGI target: {@code app}, or {@code create_app()} for a factory. */
    public String attribute() {
        return factory ? exposedAs + "()" : exposedAs;
    }
}
