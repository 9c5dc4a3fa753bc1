package io.github.qwenbench.plugin;

import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.EndpointSettings;
import io.github.qwenbench.plan.ModelFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The API keys of served models, found on the Maven side and handed to the worker in its environment only
 * (never in the plan, a log or a file): from the build's environment variable {@code <apiKeyEnv>}, or the
 * password of the {@code settings.xml} server {@code <serverId>}, decrypted by Maven's own decrypter when it
 * is encrypted ({@code mvn --encrypt-password}, with the master password of {@code settings-security.xml}).
 */
final class ApiKeys {

    private ApiKeys() {
    }

    /**
     * The worker's environment variables that carry the keys, by name.
     *
     * @param environment the build's environment ({@code System::getenv})
     * @param settings the build's settings.xml, or null
     * @param decrypter Maven's settings decrypter, for encrypted passwords
     */
    static Map<String, String> of(BenchmarkPlan plan, Function<String, String> environment, Settings settings,
            SettingsDecrypter decrypter) throws BenchmarkSetupException {
        Map<String, String> variables = new LinkedHashMap<>();
        for (ModelFile model : List.of(plan.baseline(), plan.candidate())) {
            EndpointSettings endpoint = model.endpoint();
            if (endpoint == null || endpoint.keyVariable() == null) {
                continue;
            }
            String setting = "<" + model.role() + "><endpoint>";
            String key;
            if (endpoint.apiKeyEnv() != null) {
                key = environment.apply(endpoint.apiKeyEnv());
                if (key == null || key.isBlank()) {
                    throw new BenchmarkSetupException(setting + "<apiKeyEnv> names " + endpoint.apiKeyEnv() + ", which"
                            + " is not set in this build's environment: export it before running Maven.");
                }
            } else {
                Server server = settings == null ? null : settings.getServer(endpoint.serverId());
                if (server == null) {
                    throw new BenchmarkSetupException(setting + "<serverId> is " + endpoint.serverId() + ", but"
                            + " settings.xml has no <server> with that <id>: add one whose <password> is the key.");
                }
                key = server.getPassword();
                if (key == null || key.isBlank()) {
                    throw new BenchmarkSetupException("The settings.xml server " + endpoint.serverId() + " has no"
                            + " <password>: put the API key there.");
                }
                if (key.startsWith("{") && key.endsWith("}")) {
                    key = decrypted(server, decrypter, setting);
                }
            }
            variables.put(endpoint.keyVariable(), key);
        }
        return variables;
    }

    /** An encrypted password, decrypted as Maven does for its own servers. */
    private static String decrypted(Server server, SettingsDecrypter decrypter, String setting)
            throws BenchmarkSetupException {
        String fix = " Check the master password in settings-security.xml (~/.m2, or -Dsettings.security), or give"
                + " the key through an environment variable and " + setting + "<apiKeyEnv>.";
        if (decrypter == null) {
            throw new BenchmarkSetupException("The settings.xml server " + server.getId() + "'s password is"
                    + " encrypted, and this build has no settings decrypter." + fix);
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        if (!result.getProblems().isEmpty()) {
            List<String> problems = result.getProblems().stream().map(SettingsProblem::getMessage).toList();
            throw new BenchmarkSetupException("The settings.xml server " + server.getId() + "'s password is"
                    + " encrypted, and Maven could not decrypt it: " + String.join("; ", problems) + "." + fix);
        }
        String key = result.getServer().getPassword();
        if (key == null || key.isBlank()) {
            throw new BenchmarkSetupException("The settings.xml server " + server.getId() + "'s password decrypts"
                    + " to nothing." + fix);
        }
        return key;
    }
}
