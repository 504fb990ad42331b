package dev.drydock.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code drydock parse PATH}: shows how drydock read a project or a file. */
@Command(name = "parse", description = "Show what drydock understood of a project folder or file.")
final class ParseCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = ".", description = "Project folder or file (default: current folder).")
    String path;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("parse is being built");
    }
}
