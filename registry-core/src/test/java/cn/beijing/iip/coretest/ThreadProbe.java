package cn.beijing.iip.coretest;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tells a test which kind of thread served its request, to show that requests run on virtual threads. */
@RestController
public class ThreadProbe {

    public static final String PATH = "/sample/thread";

    @GetMapping(PATH)
    Map<String, Object> thread() {
        return Map.of("virtual", Thread.currentThread().isVirtual());
    }
}
