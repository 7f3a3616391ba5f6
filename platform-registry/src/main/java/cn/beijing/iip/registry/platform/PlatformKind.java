package cn.beijing.iip.registry.platform;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.beijing.iip.registry.core.kind.CodeFilter;
import cn.beijing.iip.registry.core.kind.KindDefinition;
import cn.beijing.iip.registry.plan.EntryKind;
import cn.beijing.iip.registry.taxonomy.Taxonomies;

/** Platforms: listed by type as well; they feed the {@code platforms} target. */
@Component
public class PlatformKind implements KindDefinition<Platform> {

    @Override
    public EntryKind kind() {
        return EntryKind.PLATFORMS;
    }

    @Override
    public Class<Platform> fieldsType() {
        return Platform.class;
    }

    @Override
    public List<CodeFilter> filters() {
        return List.of(new CodeFilter("platformType", "platformType", Taxonomies.PLATFORM_TYPES));
    }
}
