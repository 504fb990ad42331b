package dev.drydock.core.dockerfile.syntax;

/**
 * HEALTHCHECK: the type word ({@code CMD}, {@code NONE}, or anything else, which BuildKit rejects
 * later) and what follows it, parsed like a RUN command: {@link ShellForm}, {@link ExecForm} or
 * {@link NoArguments}. The flags ({@code --interval} ...) are on the instruction; see
 * {@link HealthcheckOptions}.
 */
public record HealthcheckArguments(Word type, Arguments command) implements Arguments {

    public boolean isNone() {
        return type.value().equalsIgnoreCase("NONE");
    }

    public boolean isCmd() {
        return type.value().equalsIgnoreCase("CMD");
    }

    @Override
    public boolean isJson() {
        return command.isJson();
    }
}
