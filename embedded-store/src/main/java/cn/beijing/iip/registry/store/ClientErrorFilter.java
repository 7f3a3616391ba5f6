package cn.beijing.iip.registry.store;

import java.io.IOException;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import de.bwaldvogel.mongo.exception.MongoServerException;

/**
 * Drops the stack traces the wire layer logs at ERROR for what is the client's business: a command
 * it answered with an error (a duplicate key, an unknown command such as {@code hello}) or a client
 * that went away. The client gets the error either way; real server faults still get through.
 */
public final class ClientErrorFilter extends Filter<ILoggingEvent> {

    private static final String WIRE_LOGGERS = "de.bwaldvogel.mongo.wire.";

    @Override
    public FilterReply decide(ILoggingEvent event) {
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
