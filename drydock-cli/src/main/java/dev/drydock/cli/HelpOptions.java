package dev.drydock.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} and {@code -V/--version} for every command, inherited as plain fields: picocli's
 * {@code mixinStandardHelpOptions} builds a mixin command by reflection for each command, on every start.
 */
abstract class HelpOptions {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean version;
}
