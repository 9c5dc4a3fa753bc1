package io.github.qwenbench.plan;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one declaration of a pom setting: on a field of a {@code *Config} bean, whose initializer is
 * its default. {@link ConfigurationReference} renders docs/configuration.md from these, and a test
 * fails when that page drifts from them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Setting {

    /** What the setting means, in a sentence or two (Markdown). */
    String value();
}
