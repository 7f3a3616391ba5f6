package cn.beijing.iip.registry.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.beijing.iip.registry.metrics.MetricNames;

class MetricCatalogueTest {

    @Test
    void coversEveryMetricThatRegistryModelNames() {
        List<String> names = Arrays.stream(MetricNames.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && !field.getName().startsWith("TAG_"))
                .map(MetricCatalogueTest::value).toList();

        // a metric added to MetricNames needs its series here before dashboards and rules may use it
        assertThat(MetricCatalogue.registrySeries()).containsOnlyKeys(names);
    }

    @Test
    void derivesTheLabelsOfARecordedSeriesFromItsLevel() {
        assertThat(MetricCatalogue.recordedLabels("kind_status:iip_entries:max")).containsExactly("kind", "status");
        assertThat(MetricCatalogue.recordedLabels("routeId:spring_cloud_gateway_requests_5xx:ratio_rate5m"))
                .containsExactly("routeId");
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
