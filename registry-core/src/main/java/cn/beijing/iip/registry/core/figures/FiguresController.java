package cn.beijing.iip.registry.core.figures;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.beijing.iip.registry.core.problem.ProblemException;
import cn.beijing.iip.registry.problem.ProblemType;
import cn.beijing.iip.registry.progress.KindFigures;

/**
 * The figures the gateway merges into {@code /api/progress}. Not routed by the gateway: it calls
 * each service directly (in Kubernetes, network policies keep the port inside the cluster).
 */
@RestController
public class FiguresController {

    private final Figures figures;

    public FiguresController(Figures figures) {
        this.figures = figures;
    }

    @GetMapping(path = KindFigures.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<KindFigures> figures() {
        return figures.current().map(ResponseEntity::ok).orElseThrow(() -> ProblemException.of(
                ProblemType.STORE_UNAVAILABLE, "figures are not counted yet; the store has not been reachable")
                .with("retry", Map.of("afterSeconds", 5)));
    }
}
