package cn.beijing.iip.registry.core.kind;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** The field shapes every kind shares, so each is declared once. */
public final class Constraints {

    /**
     * No control characters but tab, line feed and carriage return. C1 controls (U+0080 to U+009F)
     * count too: U+0085 breaks lines and U+009B starts terminal escape sequences. No unpaired
     * surrogate either: it cannot be stored as UTF-8 and would come back as something else.
     */
    public static final String PRINTABLE = "[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\p{Cs}]*";

    /**
     * One line: no control character at all, C0 or C1 ({@code \p{Cntrl}} alone misses the C1 ones),
     * no Unicode line or paragraph separator and no unpaired surrogate.
     */
    static final String ONE_LINE = "[^\\p{Cc}\\p{Cs}\\p{Zl}\\p{Zp}]*";

    private Constraints() {
    }

    /** An entry's name: required from the first draft, one line, at most 200 characters. */
    @Documented
    @NotBlank
    @Size(max = 200)
    @Pattern(regexp = ONE_LINE, message = "must be one line without control characters")
    @Constraint(validatedBy = {})
    @Target({FIELD, TYPE_USE, ANNOTATION_TYPE})
    @Retention(RUNTIME)
    public @interface Name {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Free text such as a description: at most 4,000 characters. */
    @Documented
    @Size(max = 4000)
    @Pattern(regexp = PRINTABLE, message = "must not contain control characters")
    @Constraint(validatedBy = {})
    @Target({FIELD, TYPE_USE, ANNOTATION_TYPE})
    @Retention(RUNTIME)
    public @interface Text {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A short label such as a certification: one line, at most 64 characters. */
    @Documented
    @NotBlank
    @Size(max = 64)
    @Pattern(regexp = ONE_LINE, message = "must be one line without control characters")
    @Constraint(validatedBy = {})
    @Target({FIELD, TYPE_USE, ANNOTATION_TYPE})
    @Retention(RUNTIME)
    public @interface Label {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /**
     * A web address: http or https, at most 500 characters, one line of characters that survive storage:
     * no white space, no control character, no line separator, no unpaired surrogate (stored as UTF-8 it
     * would come back as U+FFFD).
     */
    @Documented
    @Size(max = 500)
    @Pattern(regexp = "https?://[^\\s<>\"\\p{Cc}\\p{Cs}\\p{Zl}\\p{Zp}]+", message = "must be an http or https address")
    @Constraint(validatedBy = {})
    @Target({FIELD, TYPE_USE, ANNOTATION_TYPE})
    @Retention(RUNTIME)
    public @interface WebAddress {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A count (devices, cases, enterprises): zero or more, at most ten billion. */
    @Documented
    @PositiveOrZero
    @Max(10_000_000_000L)
    @Constraint(validatedBy = {})
    @Target({FIELD, TYPE_USE, ANNOTATION_TYPE})
    @Retention(RUNTIME)
    public @interface Count {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** An amount in CNY: zero or more, at most ten trillion, so that sums over enterprises never overflow. */
    @Documented
    @PositiveOrZero
    @Max(10_000_000_000_000L)
    @Constraint(validatedBy = {})
    @Target({FIELD, TYPE_USE, ANNOTATION_TYPE})
    @Retention(RUNTIME)
    public @interface Amount {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }
}
