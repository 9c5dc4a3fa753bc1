package io.github.qwenbench.torchscript;

import io.github.qwenbench.plan.BenchmarkSetupException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads what a TorchScript file says about itself without loading it into the engine: that it is a
 * TorchScript archive at all, and the argument names of its {@code forward} method. A TorchScript
 * file is a zip holding {@code <name>/data.pkl}, whose first pickle opcode names the root class, and
 * {@code <name>/code/<module path>.py}, which holds that class's serialized source.
 */
public final class TorchScriptArchive {

    private static final Pattern FORWARD = Pattern.compile("def forward\\(self[^,)]*(?:,(.*?))?\\)\\s*->",
            Pattern.DOTALL);

    private TorchScriptArchive() {
    }

    /** Fails with a clear message unless {@code model} is a readable TorchScript archive. */
    public static void check(Path model, String role) throws BenchmarkSetupException {
        try (ZipFile zip = new ZipFile(model.toFile())) {
            if (findEntry(zip, "data.pkl").isEmpty()) {
                throw notTorchScript(model, role, "it is a zip file without data.pkl");
            }
        } catch (IOException e) {
            throw notTorchScript(model, role, "it is not a readable zip archive (" + e.getMessage() + ")");
        }
    }

    private static BenchmarkSetupException notTorchScript(Path model, String role, String why) {
        return new BenchmarkSetupException("The " + role + " model " + model + " is not a TorchScript file: " + why
                + ". It may be corrupt or truncated; export it again with torch.jit.trace(...).save(path)"
                + " or torch.jit.script(...).save(path).");
    }

    /**
     * One argument of {@code forward}.
     *
     * @param name its name
     * @param optional whether it has a default value
     */
    public record Argument(String name, boolean optional) {
    }

    /** The names of the forward method's arguments, without {@code self}, in order. */
    public static List<String> forwardArguments(Path model) {
        return forwardSignature(model).stream().map(Argument::name).toList();
    }

    /**
     * The forward method's arguments, without {@code self}, in order; empty when the archive's code
     * cannot be read (the engine then gets the inputs in their configured order).
     */
    public static List<Argument> forwardSignature(Path model) {
        try (ZipFile zip = new ZipFile(model.toFile())) {
            Optional<ZipEntry> pickle = findEntry(zip, "data.pkl");
            if (pickle.isEmpty()) {
                return List.of();
            }
            String prefix = pickle.get().getName().substring(0, pickle.get().getName().length() - "data.pkl".length());
            String rootModule = rootModule(zip, pickle.get());
            if (rootModule == null) {
                return List.of();
            }
            ZipEntry code = zip.getEntry(prefix + "code/" + rootModule.replace('.', '/') + ".py");
            if (code == null) {
                return List.of();
            }
            try (InputStream in = zip.getInputStream(code)) {
                return parseForward(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return List.of();
        }
    }

    static List<Argument> parseForward(String source) {
        Matcher m = FORWARD.matcher(source);
        if (!m.find()) {
            return List.of();
        }
        List<Argument> arguments = new ArrayList<>();
        if (m.group(1) != null) {
            for (String argument : m.group(1).split(",")) {
                String name = argument.split(":")[0].split("=")[0].trim();
                if (!name.isEmpty()) {
                    arguments.add(new Argument(name, argument.contains("=")));
                }
            }
        }
        return arguments;
    }

    /** The module of the root class: the pickle starts with PROTO, then GLOBAL "module\nname\n". */
    private static String rootModule(ZipFile zip, ZipEntry pickle) throws IOException {
        try (InputStream in = zip.getInputStream(pickle)) {
            byte[] head = in.readNBytes(512);
            int start = head.length > 2 && (head[0] & 0xff) == 0x80 ? 2 : 0;
            if (head.length <= start || head[start] != 'c') {
                return null;
            }
            String text = new String(head, start + 1, head.length - start - 1, StandardCharsets.ISO_8859_1);
            int end = text.indexOf('\n');
            return end > 0 ? text.substring(0, end) : null;
        }
    }

    private static Optional<ZipEntry> findEntry(ZipFile zip, String suffix) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            String name = entry.getName();
            if (name.equals(suffix) || name.endsWith("/" + suffix) && name.indexOf('/') == name.length() - suffix.length() - 1) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }
}
