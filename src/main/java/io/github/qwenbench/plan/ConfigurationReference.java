package io.github.qwenbench.plan;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reference of the pom's nested settings, rendered from their one declaration: each field of a
 * {@code *Config} bean with its {@link Setting} (the meaning) and its initializer (the default).
 * docs/configuration.md holds this text; a test fails when the two differ.
 */
public final class ConfigurationReference {

    /**
     * One element of the pom and the bean Maven fills from it.
     *
     * @param anchor the section's anchor in docs/configuration.md
     * @param element how the element is written in the pom
     * @param bean the bean
     */
    public record Section(String anchor, String element, Class<?> bean) {
    }

    /** Every nested element, in the order of the page. */
    public static final List<Section> SECTIONS = List.of(
            new Section("accuracy", "<accuracy>", AccuracyConfig.class),
            new Section("accuracy-generation", "<accuracy><generation>", GenerationConfig.class),
            new Section("performance", "<performance>", PerformanceConfig.class),
            new Section("memory", "<memory>", MemoryConfig.class),
            new Section("scalability", "<scalability>", ScalabilityConfig.class),
            new Section("sweep", "<scalability><sweeps><sweep>", SweepConfig.class),
            new Section("system", "<system>", SystemConfig.class),
            new Section("hardware", "<hardware>", HardwareConfig.class),
            new Section("generation", "<generation>", GenerationSuiteConfig.class),
            new Section("workload", "<workload>", WorkloadConfig.class),
            new Section("engine", "<engine>", EngineConfig.class),
            new Section("endpoint", "<baseline><endpoint>, <candidate><endpoint>", EndpointConfig.class),
            new Section("input", "<inputs><input>", InputConfig.class));

    private ConfigurationReference() {
    }

    /** The settings of one bean: a Markdown table of name, default and meaning. */
    public static String table(Class<?> bean) {
        Object defaults = newInstance(bean);
        StringBuilder md = new StringBuilder("| setting | default | meaning |\n|---|---|---|\n");
        for (Field field : settings(bean)) {
            md.append("| `").append(field.getName()).append("` | ").append(defaultOf(field, defaults)).append(" | ")
                    .append(field.getAnnotation(Setting.class).value().replace("|", "\\|")).append(" |\n");
        }
        return md.toString();
    }

    /** The fields of {@code bean} that declare a setting, in declaration order. */
    public static List<Field> settings(Class<?> bean) {
        List<Field> fields = new ArrayList<>();
        for (Field field : bean.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && field.isAnnotationPresent(Setting.class)) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static String defaultOf(Field field, Object defaults) {
        field.setAccessible(true);
        Object value;
        try {
            value = field.get(defaults);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        if (value == null) {
            return "none";
        }
        if (value instanceof Double || value instanceof Float) {
            return "`" + String.format(Locale.ROOT, "%s", value) + "`";
        }
        return "`" + value + "`";
    }

    private static Object newInstance(Class<?> bean) {
        try {
            return bean.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(bean + " needs a public no-argument constructor, as Maven does", e);
        }
    }
}
