package dev.drydock.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar manifest. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"drydock " + number()};
    }

    /** The version alone, as reports name it: {@code 0.1.0}, or {@code (development build)}. */
    static String number() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
