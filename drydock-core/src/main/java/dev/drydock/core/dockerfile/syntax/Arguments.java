package dev.drydock.core.dockerfile.syntax;

/**
 * What follows an instruction's keyword and flags, in the shape BuildKit's dispatch table gives it
 * for that instruction:
 * <ul>
 *   <li>RUN, CMD, ENTRYPOINT, SHELL: {@link ExecForm} when the text is a JSON array of strings, else
 *       {@link ShellForm} (BuildKit's fallback for invalid JSON);</li>
 *   <li>COPY, ADD, VOLUME: {@link WordList}, JSON or split on white space; FROM, EXPOSE: {@link WordList};</li>
 *   <li>ENV, LABEL: {@link KeyValueList}; ARG: {@link ArgList};</li>
 *   <li>MAINTAINER, STOPSIGNAL, USER, WORKDIR: {@link PlainText};</li>
 *   <li>HEALTHCHECK: {@link HealthcheckArguments}; ONBUILD: {@link OnbuildArguments};</li>
 *   <li>an instruction BuildKit does not know: {@link UnparsedArguments};</li>
 *   <li>nothing after the keyword and flags (single-value forms only): {@link NoArguments}.</li>
 * </ul>
 */
public sealed interface Arguments
        permits NoArguments, UnparsedArguments, ShellForm, ExecForm, PlainText, WordList, KeyValueList, ArgList,
                HealthcheckArguments, OnbuildArguments {

    /** Whether BuildKit marks these arguments as JSON (its {@code json} attribute). */
    default boolean isJson() {
        return false;
    }
}
