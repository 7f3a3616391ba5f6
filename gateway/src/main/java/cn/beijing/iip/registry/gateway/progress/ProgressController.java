package cn.beijing.iip.registry.gateway.progress;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.beijing.iip.registry.taxonomy.Taxonomies;
import cn.beijing.iip.registry.taxonomy.Term;

/** The plan's progress and the registry's code lists, served by the gateway itself. */
@RestController
public class ProgressController {

    private final Progress progress;
    private final Taxonomies taxonomies;

    public ProgressController(Progress progress, Taxonomies taxonomies) {
        this.progress = progress;
        this.taxonomies = taxonomies;
    }

    @GetMapping(path = "/api/progress", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ProgressView> progress() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofSeconds(5)).cachePublic())
                .body(progress.current());
    }

    /** Every code an entry may use (industries, regions, platform types, domains, categories). */
    @GetMapping(path = "/api/taxonomies", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, List<Term>>> taxonomies() {
        Map<String, List<Term>> byName = new TreeMap<>();
        taxonomies.byName().forEach((name, taxonomy) -> byName.put(name, taxonomy.terms()));
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic()).body(byName);
    }
}
