package io.github.qwenbench.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.plan.ConfigurationReference;
import io.github.qwenbench.plan.Setting;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * docs/configuration.md is generated from the one declaration of each parameter: a mojo parameter's
 * Javadoc and default (through the plugin descriptor, which the {@code help} goal prints too) and a
 * nested setting's {@link Setting} and initializer. When the page drifts from the code this test
 * fails and writes the current page to target/configuration.md: copy it over docs/configuration.md.
 */
class ConfigurationReferenceTest {

    private static final Path PAGE = Path.of("docs/configuration.md");

    @Test
    void thePageIsWhatTheCodeDeclares() throws Exception {
        String expected = page();
        String actual = Files.exists(PAGE) ? Files.readString(PAGE) : "";
        if (!expected.equals(actual)) {
            Path fresh = Path.of("target/configuration.md");
            Files.writeString(fresh, expected, StandardCharsets.UTF_8);
            assertEquals(expected, actual, "docs/configuration.md differs from the parameters the code declares:"
                    + " copy " + fresh + " over it");
        }
    }

    @Test
    void everyNestedFieldDeclaresItsSetting() {
        for (ConfigurationReference.Section section : ConfigurationReference.SECTIONS) {
            for (Field field : section.bean().getDeclaredFields()) {
                if (!java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    assertTrue(field.isAnnotationPresent(Setting.class),
                            section.bean().getSimpleName() + "." + field.getName() + " has no @Setting");
                    assertFalse(field.getAnnotation(Setting.class).value().isBlank());
                }
            }
        }
    }

    @Test
    void theHelpGoalDescribesEveryParameterThroughThePage() throws Exception {
        Map<String, Parameter> parameters = pluginParameters();
        assertTrue(parameters.containsKey("performance") && parameters.containsKey("baselinePath"),
                parameters.keySet().toString());
        for (ConfigurationReference.Section section : ConfigurationReference.SECTIONS) {
            Parameter p = parameters.get(section.anchor());
            if (p != null) {
                assertTrue(p.description().contains("docs/configuration.md#" + section.anchor()), p.description());
            }
        }
    }

    /** A mojo parameter as the plugin descriptor records it. */
    record Parameter(String name, String property, String defaultValue, String description, List<String> goals) {
    }

    static String page() throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n")
                .append("<!-- Generated from the code: ConfigurationReferenceTest fails when this page differs from")
                .append(" the parameters the code declares, and writes the current page to")
                .append(" target/configuration.md. Do not edit by hand. -->\n\n")
                .append("Every parameter of the plugin, with its default and its meaning, as the code declares them.")
                .append(" Thresholds that are fractions (errors, agreements, reductions, rates) also accept")
                .append(" percentages (`1%`); ratios (`minSpeedup`, `minThroughputRatio`, ...) are plain numbers")
                .append(" (`1.20`). `mvn qwen-bench:help -Ddetail` prints the plugin parameters below.\n\n");
        md.append("## plugin\n\nParameters of the goals themselves (`-D` is the user property).\n\n")
                .append("| parameter | `-D` | default | goals | meaning |\n|---|---|---|---|---|\n");
        Map<String, Parameter> parameters = pluginParameters();
        int goals = parameters.values().stream().mapToInt(p -> p.goals().size()).max().orElse(0);
        for (Parameter p : parameters.values()) {
            md.append("| `").append(p.name()).append("` | ")
                    .append(p.property() == null ? "" : "`" + p.property() + "`").append(" | ")
                    .append(p.defaultValue() == null ? "none" : "`" + p.defaultValue() + "`").append(" | ")
                    .append(p.goals().size() == goals ? "every goal" : String.join(", ", p.goals())).append(" | ")
                    .append(p.description().replace("|", "\\|").replace("<", "&lt;")).append(" |\n");
        }
        for (ConfigurationReference.Section section : ConfigurationReference.SECTIONS) {
            md.append("\n## ").append(section.anchor()).append("\n\n`").append(section.element()).append("`\n\n")
                    .append(ConfigurationReference.table(section.bean()));
        }
        return md.toString();
    }

    /** Every editable parameter of every goal but help, from target/classes/META-INF/maven/plugin.xml. */
    static Map<String, Parameter> pluginParameters() throws Exception {
        Document descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("target/classes/META-INF/maven/plugin.xml").toFile());
        Map<String, Parameter> parameters = new TreeMap<>();
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        Pattern property = Pattern.compile("\\$\\{([^}]+)}");
        for (int m = 0; m < mojos.getLength(); m++) {
            Element mojo = (Element) mojos.item(m);
            String goal = text(mojo, "goal");
            if (goal.equals("help")) {
                continue;
            }
            Element configuration = (Element) mojo.getElementsByTagName("configuration").item(0);
            NodeList list = ((Element) mojo.getElementsByTagName("parameters").item(0))
                    .getElementsByTagName("parameter");
            for (int i = 0; i < list.getLength(); i++) {
                Element parameter = (Element) list.item(i);
                if (!"true".equals(text(parameter, "editable"))) {
                    continue;
                }
                String name = text(parameter, "name");
                Parameter known = parameters.get(name);
                if (known != null) {
                    known.goals().add(goal);
                    continue;
                }
                String prop = null;
                String defaultValue = null;
                NodeList values = configuration == null ? null : configuration.getElementsByTagName(name);
                if (values != null && values.getLength() > 0) {
                    Element value = (Element) values.item(0);
                    Matcher matcher = property.matcher(value.getTextContent());
                    prop = matcher.find() ? matcher.group(1) : null;
                    defaultValue = value.hasAttribute("default-value") ? value.getAttribute("default-value") : null;
                }
                String description = text(parameter, "description").replaceAll("</?(ul|li|p|code|em|b|i|br)\\s*/?>", "")
                        .replaceAll("\\s+", " ").trim();
                List<String> goals = new ArrayList<>(List.of(goal));
                parameters.put(name, new Parameter(name, prop, defaultValue, description, goals));
            }
        }
        return parameters;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
    }
}
