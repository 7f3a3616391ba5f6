package cn.beijing.iip.registry.progress;

/** A target's goal and its achieved figure, as the application that reports it counted them. */
public record TargetFigure(String target, long goal, long achieved) {
}
