package cn.beijing.iip.registry.core.testing;

import cn.beijing.iip.registry.identity.CreditCode;

/** Synthetic credit codes with valid check characters, for tests. */
public final class Codes {

    public static final String ENTERPRISE_A = of("91110108MA01AAA01");
    public static final String ENTERPRISE_B = of("91110105MA02BBB02");
    public static final String ENTERPRISE_C = of("91120116MA03CCC03");

    private Codes() {
    }

    /** The first 17 characters plus their check character. */
    public static String of(String first17) {
        return first17 + CreditCode.checkCharacter(first17);
    }

    /** A distinct valid code per number. */
    public static String numbered(int n) {
        return of(String.format("911101%011d", n));
    }
}
