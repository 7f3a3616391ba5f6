package cn.beijing.iip.registry.store;

/** Why the store could not start, in one line for the operator, with the exit code to leave with. */
public final class StartupException extends RuntimeException {

    /** The command line or the machine is not as the store needs it: arguments, port, directory, lock. */
    public static final int CONFIGURATION = 2;
    /** Anything else, such as a damaged store file. */
    public static final int FAILURE = 1;

    private final int exitCode;

    public StartupException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static StartupException usage(String problem) {
        return new StartupException(problem + "; " + StoreOptions.USAGE, CONFIGURATION, null);
    }

    static StartupException configuration(String problem, Throwable cause) {
        return new StartupException(problem, CONFIGURATION, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
