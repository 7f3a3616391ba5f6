package cn.beijing.iip.registry.core.kind;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import cn.beijing.iip.registry.taxonomy.Taxonomies;
import cn.beijing.iip.registry.taxonomy.Taxonomy;

/** Checks {@link Code}; the message lists the known codes, never the value the caller sent. */
public class CodeValidator implements ConstraintValidator<Code, String> {

    private final Taxonomies taxonomies;
    private Taxonomy taxonomy;

    public CodeValidator(Taxonomies taxonomies) {
        this.taxonomies = taxonomies;
    }

    @Override
    public void initialize(Code annotation) {
        this.taxonomy = taxonomies.get(annotation.value());
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || taxonomy.contains(value)) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        // the known codes come from seeds/, not from the caller, so they are safe in a message template
        context.buildConstraintViolationWithTemplate("is not a known " + taxonomy.name() + " code; known codes: "
                + String.join(", ", taxonomy.codes())).addConstraintViolation();
        return false;
    }
}
