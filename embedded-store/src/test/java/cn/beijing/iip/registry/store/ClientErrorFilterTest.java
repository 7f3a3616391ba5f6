package cn.beijing.iip.registry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import de.bwaldvogel.mongo.exception.NoSuchCommandException;

class ClientErrorFilterTest {

    private final ClientErrorFilter filter = new ClientErrorFilter();
    private final LoggerContext context = new LoggerContext();

    @Test
    void dropsErrorsTheClientIsAnsweredWith() {
        assertThat(filter.decide(event("de.bwaldvogel.mongo.wire.MongoWireProtocolHandler", new NoSuchCommandException("hello"))))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(event("de.bwaldvogel.mongo.wire.MongoWireProtocolHandler", new DuplicateKeyError("entries", "dup"))))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(event("de.bwaldvogel.mongo.wire.MongoExceptionHandler", new IOException("Connection reset by peer"))))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void dropsTheLineForEachCommandTheServerDoesNotKnow() {
        LoggingEvent unknown = new LoggingEvent(getClass().getName(), context.getLogger("de.bwaldvogel.mongo.backend.AbstractMongoDatabase"),
                Level.ERROR, "unknown query: {}", null, new Object[] {"{\"getDefaultRWConcern\" : 1}"});

        assertThat(filter.decide(unknown)).isEqualTo(FilterReply.DENY);
    }

    @Test
    void keepsServerFaults() {
        assertThat(filter.decide(event("de.bwaldvogel.mongo.wire.MongoWireProtocolHandler", new NullPointerException())))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event("cn.beijing.iip.registry.store.StoreServer", new IOException("disk full"))))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event("de.bwaldvogel.mongo.backend.AbstractMongoDatabase", new IllegalStateException())))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    private LoggingEvent event(String logger, Throwable thrown) {
        return new LoggingEvent(getClass().getName(), context.getLogger(logger), Level.ERROR, "failed", thrown, null);
    }
}
