package cn.beijing.iip.registry.deploy.platform;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/** One overlay (or the base) rendered by one renderer, as documents and as typed Kubernetes objects. */
record Rendering(String overlay, String renderer, List<ObjectNode> documents, Cluster cluster) {

    boolean isOverlay() {
        return !overlay.equals("base");
    }

    @Override
    public String toString() {
        return overlay + " (" + renderer + ")";
    }
}
