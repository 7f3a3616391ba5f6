package cn.beijing.iip.registry.identity;

import java.util.Optional;

/**
 * A unified social credit code (统一社会信用代码) as GB 32100-2015 defines it: 18 characters from a
 * 31-character alphabet, the last being a check character over the first 17.
 */
public record CreditCode(String value) {

    public static final int LENGTH = 18;

    /** The code alphabet: digits and upper-case letters without I, O, S, V, Z. */
    public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static final int MODULUS = ALPHABET.length();

    public CreditCode {
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    public static boolean isValid(String value) {
        return problem(value).isEmpty();
    }

    /** What is wrong with a candidate code, in words a person can act on; empty when it is valid. */
    public static Optional<String> problem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("a credit code is required");
        }
        if (value.length() != LENGTH) {
            return Optional.of("a credit code has " + LENGTH + " characters, this one has " + value.length());
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(value.charAt(i)) < 0) {
                return Optional.of("character " + (i + 1) + " of the credit code is not allowed"
                        + " (digits and upper-case letters except I, O, S, V, Z)");
            }
        }
        if (value.charAt(LENGTH - 1) != checkCharacter(value.substring(0, LENGTH - 1))) {
            return Optional.of("the credit code's check character does not match (GB 32100-2015)");
        }
        return Optional.empty();
    }

    /** The check character for the first 17 characters of a code; weights are 3^(i-1) mod 31. */
    public static char checkCharacter(String first17) {
        if (first17.length() != LENGTH - 1) {
            throw new IllegalArgumentException("the check character is computed over 17 characters");
        }
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < LENGTH - 1; i++) {
            int digit = ALPHABET.indexOf(first17.charAt(i));
            if (digit < 0) {
                throw new IllegalArgumentException("character " + (i + 1) + " is not in the code alphabet");
            }
            sum += digit * weight;
            weight = weight * 3 % MODULUS;
        }
        return ALPHABET.charAt((MODULUS - sum % MODULUS) % MODULUS);
    }

    @Override
    public String toString() {
        return value;
    }
}
