package cn.beijing.iip.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreOptionsTest {

    @Test
    void readsHostPortAndDataDirectory() {
        StoreOptions options = StoreOptions.parse("--host=0.0.0.0", "--port=28017", "--data=target/some-data");

        assertThat(options.host()).isEqualTo("0.0.0.0");
        assertThat(options.port()).isEqualTo(28017);
        assertThat(options.storage()).isEqualTo(new StoreOptions.Storage.File(Path.of("target/some-data").toAbsolutePath()));
        assertThat(((StoreOptions.Storage.File) options.storage()).file()).isEqualTo(Path.of("target/some-data/registry.mv").toAbsolutePath());
    }

    @Test
    void listensOnLoopbackAndTheUsualPortByDefault() {
        StoreOptions options = StoreOptions.parse("--memory");

        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(27017);
        assertThat(options.storage()).isInstanceOf(StoreOptions.Storage.Memory.class);
    }

    @Test
    void rejectsUnknownArgumentsByName() {
        assertThatThrownBy(() -> StoreOptions.parse("--memory", "--verbose"))
                .isInstanceOfSatisfying(StartupException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("unknown argument '--verbose'")
                .hasMessageContaining("usage:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--port=65536", "--port=-1", "--port=abc", "--port="})
    void rejectsPortsOutsideTheTcpRange(String port) {
        assertThatThrownBy(() -> StoreOptions.parse("--memory", port))
                .isInstanceOfSatisfying(StartupException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("--port");
    }

    @Test
    void asksWhereTheDataLivesWhenNotTold() {
        assertThatThrownBy(() -> StoreOptions.parse("--port=27017"))
                .isInstanceOfSatisfying(StartupException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("--data=DIR or --memory");
    }

    @Test
    void rejectsDataDirectoryAndMemoryTogether() {
        assertThatThrownBy(() -> StoreOptions.parse("--data=target/x", "--memory"))
                .isInstanceOfSatisfying(StartupException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("either --data=DIR or --memory");
    }

    @Test
    void explainsInOneLine() {
        assertThatThrownBy(() -> StoreOptions.parse("--data"))
                .hasMessageContaining("--data needs a value")
                .extracting(Throwable::getMessage).asString().doesNotContain("\n");
    }
}
