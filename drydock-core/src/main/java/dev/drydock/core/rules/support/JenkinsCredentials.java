package dev.drydock.core.rules.support;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables a Jenkins pipeline binds to credentials, whatever their names: {@code NAME =
 * credentials('id')} in an {@code environment} block (which also binds {@code NAME_USR} and {@code NAME_PSW} for a
 * username and password), and the secret variables of {@code withCredentials} bindings ({@code string(variable:
 * 'TOKEN')}, {@code usernamePassword(passwordVariable: 'PW')}, {@code sshUserPrivateKey(keyFileVariable: ...)}).
 * User names and AWS access key ids are bound too but are not secret.
 */
public final class JenkinsCredentials {

    private JenkinsCredentials() {}

    private static final Pattern ENVIRONMENT = Pattern.compile(
            "\\b([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*credentials\\(\\s*([\"'])([^\"']*)\\2\\s*\\)");

    private static final Pattern BINDING_VARIABLE = Pattern.compile(
            "\\b(?:variable|passwordVariable|secretKeyVariable|keyFileVariable|passphraseVariable|tokenVariable)"
                    + "\\s*:\\s*([\"'])([A-Za-z_][A-Za-z0-9_]*)\\1");

    private static final Pattern CREDENTIALS_ID = Pattern.compile("\\bcredentialsId\\s*:\\s*([\"'])([^\"']*)\\1");

    private static final Pattern PUBLIC_VARIABLE = Pattern.compile(
            "\\b(?:usernameVariable|accessKeyVariable)\\s*:\\s*([\"'])([A-Za-z_][A-Za-z0-9_]*)\\1");

    /**
     * The variables a pipeline binds to credentials.
     *
     * @param secrets each variable that holds a secret, with the credential's id as written (empty when unknown)
     * @param notSecret the variables that hold the public half of a credential: a user name, an access key id
     */
    public record Bindings(Map<String, String> secrets, Set<String> notSecret) {}

    public static Bindings bound(String pipeline) {
        Map<String, String> secrets = new LinkedHashMap<>();
        Set<String> notSecret = new HashSet<>();
        if (!pipeline.contains("credentials") && !pipeline.contains("Credentials")) {
            return new Bindings(secrets, notSecret);
        }
        Matcher environment = ENVIRONMENT.matcher(pipeline);
        while (environment.find()) {
            String name = environment.group(1);
            secrets.put(name, environment.group(3));
            secrets.put(name + "_PSW", environment.group(3));
            notSecret.add(name + "_USR");
        }
        Matcher binding = BINDING_VARIABLE.matcher(pipeline);
        while (binding.find()) {
            secrets.putIfAbsent(binding.group(2), credentialIdAround(pipeline, binding.start()));
        }
        Matcher user = PUBLIC_VARIABLE.matcher(pipeline);
        while (user.find()) {
            notSecret.add(user.group(2));
        }
        return new Bindings(secrets, notSecret);
    }

    /** The {@code credentialsId} written in the same binding call as the variable at {@code offset}. */
    private static String credentialIdAround(String pipeline, int offset) {
        int open = pipeline.lastIndexOf('(', offset);
        int close = pipeline.indexOf(')', offset);
        if (open < 0 || close < 0) {
            return "";
        }
        Matcher id = CREDENTIALS_ID.matcher(pipeline.substring(open, close));
        return id.find() ? id.group(2) : "";
    }
}
