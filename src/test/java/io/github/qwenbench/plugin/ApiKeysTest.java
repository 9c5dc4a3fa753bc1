package io.github.qwenbench.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.TestModels;
import io.github.qwenbench.plan.AccuracyConfig;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.EndpointConfig;
import io.github.qwenbench.plan.EndpointSettings;
import io.github.qwenbench.plan.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/** Endpoint settings are checked with errors that name them, and API keys reach only the worker's environment. */
class ApiKeysTest {

    private static EndpointConfig config(String url, String model) {
        EndpointConfig c = new EndpointConfig();
        c.setUrl(url);
        c.setModel(model);
        return c;
    }

    private static BenchmarkPlan plan(EndpointSettings baseline, EndpointSettings candidate) throws Exception {
        return TestModels.plan("optimized.pt", new AccuracyConfig()).withBaseline(ModelFile.served("baseline", baseline))
                .withCandidate(ModelFile.served("candidate", candidate));
    }

    @Test
    void badEndpointSettingsNameTheSetting() {
        String noUrl = assertThrows(BenchmarkSetupException.class,
                () -> EndpointSettings.from(config(null, "m"), "baseline")).getMessage();
        assertTrue(noUrl.startsWith("baseline/endpoint/url is not set"), noUrl);
        String ftp = assertThrows(BenchmarkSetupException.class,
                () -> EndpointSettings.from(config("ftp://host/v1", "m"), "candidate")).getMessage();
        assertTrue(ftp.startsWith("candidate/endpoint/url is 'ftp://host/v1', which is not an http:// or https://"), ftp);
        String noModel = assertThrows(BenchmarkSetupException.class,
                () -> EndpointSettings.from(config("http://h:8000/v1", " "), "baseline")).getMessage();
        assertTrue(noModel.startsWith("baseline/endpoint/model is not set"), noModel);
        EndpointConfig both = config("http://h:8000/v1", "m");
        both.setApiKeyEnv("KEY");
        both.setServerId("srv");
        assertTrue(assertThrows(BenchmarkSetupException.class, () -> EndpointSettings.from(both, "baseline"))
                .getMessage().contains("both <apiKeyEnv> and <serverId>"));
        EndpointConfig slow = config("http://h:8000/v1", "m");
        slow.setIdleTimeout("0s");
        assertTrue(assertThrows(BenchmarkSetupException.class, () -> EndpointSettings.from(slow, "baseline"))
                .getMessage().startsWith("baseline/endpoint/idleTimeout is '0s'"));
    }

    @Test
    void keysComeFromTheEnvironmentOrSettingsAndNeverEnterThePlan() throws Exception {
        EndpointConfig env = config("http://a:8000/v1", "m");
        env.setApiKeyEnv("BASELINE_KEY");
        EndpointConfig server = config("https://b/v1", "m");
        server.setServerId("gpu-b");
        EndpointSettings a = EndpointSettings.from(env, "baseline");
        EndpointSettings b = EndpointSettings.from(server, "candidate");
        assertTrue(!a.toString().contains("secret") && a.describe().endsWith("with an API key)"), a.describe());
        Settings settings = new Settings();
        Server s = new Server();
        s.setId("gpu-b");
        s.setPassword("sk-candidate");
        settings.addServer(s);
        Map<String, String> keys = ApiKeys.of(plan(a, b), Map.of("BASELINE_KEY", "sk-baseline")::get, settings, null);
        assertEquals(Map.of("QWEN_BENCH_BASELINE_API_KEY", "sk-baseline", "QWEN_BENCH_CANDIDATE_API_KEY",
                "sk-candidate"), keys);

        String unset = assertThrows(BenchmarkSetupException.class,
                () -> ApiKeys.of(plan(a, b), name -> null, settings, null)).getMessage();
        assertTrue(unset.startsWith("<baseline><endpoint><apiKeyEnv> names BASELINE_KEY, which is not set"), unset);
        String missing = assertThrows(BenchmarkSetupException.class,
                () -> ApiKeys.of(plan(a, b), Map.of("BASELINE_KEY", "k")::get, new Settings(), null)).getMessage();
        assertTrue(missing.startsWith("<candidate><endpoint><serverId> is gpu-b, but settings.xml has no <server>"),
                missing);
    }

    /**
     * An encrypted settings.xml password (as {@code mvn --encrypt-password} writes it) is decrypted by Maven's
     * own decrypter with the master password of settings-security.xml; without the right master password the
     * build stops with Maven's reason, and the key appears in no message.
     */
    @Test
    void anEncryptedPasswordIsDecryptedAsMavenDoes(@TempDir Path dir) throws Exception {
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        Path security = dir.resolve("settings-security.xml");
        Files.writeString(security, "<settingsSecurity><master>"
                + cipher.encryptAndDecorate("master-secret", DefaultSecDispatcher.SYSTEM_PROPERTY_SEC_LOCATION)
                + "</master></settingsSecurity>");
        SettingsDecrypter decrypter = new DefaultSettingsDecrypter(new DefaultSecDispatcher(cipher, Map.of(),
                security.toString()));
        EndpointConfig server = config("https://b/v1", "m");
        server.setServerId("gpu-b");
        EndpointSettings b = EndpointSettings.from(server, "candidate");
        EndpointSettings a = EndpointSettings.from(config("http://a:8000/v1", "m"), "baseline");
        Settings settings = new Settings();
        Server s = new Server();
        s.setId("gpu-b");
        s.setPassword(cipher.encryptAndDecorate("sk-candidate", "master-secret"));
        settings.addServer(s);
        assertEquals(Map.of("QWEN_BENCH_CANDIDATE_API_KEY", "sk-candidate"),
                ApiKeys.of(plan(a, b), name -> null, settings, decrypter));

        s.setPassword(cipher.encryptAndDecorate("sk-candidate", "another-master"));
        String wrong = assertThrows(BenchmarkSetupException.class,
                () -> ApiKeys.of(plan(a, b), name -> null, settings, decrypter)).getMessage();
        assertTrue(wrong.startsWith("The settings.xml server gpu-b's password is encrypted, and Maven could not"
                + " decrypt it") && wrong.contains("settings-security.xml") && !wrong.contains("sk-candidate"), wrong);
        String none = assertThrows(BenchmarkSetupException.class,
                () -> ApiKeys.of(plan(a, b), name -> null, settings, null)).getMessage();
        assertTrue(none.contains("no settings decrypter"), none);
    }
}
