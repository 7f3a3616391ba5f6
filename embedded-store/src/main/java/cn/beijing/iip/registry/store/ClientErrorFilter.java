package cn.beijing.iip.registry.store;

import java.io.IOException;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import de.bwaldvogel.mongo.exception.MongoServerException;

/**
 * Drops what mongo-java-server logs at ERROR although it is the client's business: the stack trace of
 * a command it answered with an error (a duplicate key, a bad value), a client that went away, and
 * each command it does not know. The client gets the error either way; real server faults get through.
 */
public final class ClientErrorFilter extends Filter<ILoggingEvent> {

    private static final String WIRE_LOGGERS = "de.bwaldvogel.mongo.wire.";
    private static final String DATABASE_LOGGER = "de.bwaldvogel.mongo.backend.AbstractMongoDatabase";
    private static final String UNKNOWN_COMMAND = "unknown query: {}";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (event.getLoggerName().equals(DATABASE_LOGGER) && UNKNOWN_COMMAND.equals(event.getMessage())) {
            return FilterReply.DENY;
        }
        if (!event.getLoggerName().startsWith(WIRE_LOGGERS)) {
            return FilterReply.NEUTRAL;
        }
        IThrowableProxy proxy = event.getThrowableProxy();
        if (proxy instanceof ThrowableProxy thrown
                && (thrown.getThrowable() instanceof MongoServerException || thrown.getThrowable() instanceof IOException)) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
