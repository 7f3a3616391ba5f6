package cn.beijing.iip.registry.core.store;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import cn.beijing.iip.registry.core.problem.Problems;
import cn.beijing.iip.registry.problem.ProblemType;

/**
 * The store's failures as problem+json: 503 while it cannot be reached or is between primaries, 500
 * otherwise, never the driver's message. Ordered before the general handler, whose catch-all would otherwise take them.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StoreErrors {

    private static final Logger log = LoggerFactory.getLogger(StoreErrors.class);

    @ExceptionHandler(MongoException.class)
    ResponseEntity<ProblemDetail> store(MongoException e) {
        if (unavailable(e)) {
            log.warn("store unavailable: {}", e.getMessage());
            return Problems.response(ProblemType.STORE_UNAVAILABLE, "the store is not reachable; try again shortly", Map.of());
        }
        log.error("store error", e);
        return Problems.response(ProblemType.INTERNAL, "the store could not complete the request", Map.of());
    }

    /**
     * Whether the store could not take the request now but may shortly: it is not reachable (no server
     * to select, a broken connection, a connection pool the driver cleared after another operation's
     * network error, as while the store stops) or it is electing a new primary.
     */
    static boolean unavailable(MongoException e) {
        return e instanceof MongoTimeoutException || e instanceof MongoSocketException
                || e instanceof MongoConnectionPoolClearedException
                || e instanceof MongoNotPrimaryException || e instanceof MongoNodeIsRecoveringException;
    }
}
