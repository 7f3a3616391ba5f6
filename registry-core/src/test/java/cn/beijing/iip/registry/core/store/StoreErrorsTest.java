package cn.beijing.iip.registry.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import com.mongodb.connection.ClusterId;
import com.mongodb.connection.ServerId;

import cn.beijing.iip.registry.problem.ProblemType;

/** Which of the driver's failures tell a caller to come back shortly, and which are the service's fault. */
class StoreErrorsTest {

    private static final ServerAddress STORE = new ServerAddress("127.0.0.1", 27017);

    static Stream<MongoException> storeAway() {
        return Stream.of(
                new MongoTimeoutException("no server to select within 1000 ms"),
                new MongoSocketOpenException("connection refused", STORE),
                new MongoSocketReadException("prematurely reached end of stream", STORE),
                // what callers met while the store stopped: another operation's network error paused the pool
                new MongoConnectionPoolClearedException(new ServerId(new ClusterId(), STORE), null),
                new MongoNotPrimaryException(error(10107, "NotWritablePrimary"), STORE),
                new MongoNodeIsRecoveringException(error(11602, "InterruptedDueToReplStateChange"), STORE));
    }

    static Stream<MongoException> serviceFault() {
        return Stream.of(
                new MongoCommandException(error(2, "BadValue"), STORE),
                new MongoWriteException(new WriteError(121, "Document failed validation", new BsonDocument()), STORE, Set.of()),
                new MongoException("unexpected"));
    }

    @ParameterizedTest
    @MethodSource("storeAway")
    void answersStoreUnavailableWhileTheStoreCannotTakeRequests(MongoException failure) {
        ResponseEntity<ProblemDetail> answer = new StoreErrors().store(failure);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getBody().getType()).isEqualTo(ProblemType.STORE_UNAVAILABLE.uri());
        assertThat(answer.getHeaders().get("Retry-After")).isEqualTo(List.of("5"));
    }

    @ParameterizedTest
    @MethodSource("serviceFault")
    void answersInternalErrorWhenTheStoreRefusedTheRequestItself(MongoException failure) {
        ResponseEntity<ProblemDetail> answer = new StoreErrors().store(failure);

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().getDetail()).doesNotContain(String.valueOf(failure.getMessage()));
    }

    private static BsonDocument error(int code, String name) {
        return new BsonDocument("ok", new BsonInt32(0)).append("code", new BsonInt32(code))
                .append("codeName", new BsonString(name)).append("errmsg", new BsonString(name));
    }
}
