package cn.beijing.iip.registry.system.attacks;

/** The OWASP API Security Top 10 (2023) risks, by which the corpus groups its requests. */
public enum Category {

    API1("Broken object level authorisation"),
    API2("Broken authentication"),
    API3("Broken object property level authorisation"),
    API4("Unrestricted resource consumption"),
    API5("Broken function level authorisation"),
    API6("Unrestricted access to sensitive business flows"),
    API7("Server-side request forgery"),
    API8("Security misconfiguration"),
    API9("Improper inventory management"),
    API10("Unsafe consumption of APIs");

    private final String title;

    Category(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
