package cn.beijing.iip.registry.gateway.web;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Asks a caller's connection for its next request once an answer on it has been written to the end.
 * <p>
 * Reactor Netty reads a keep-alive connection only when asked. Up to 1.3.7 it forgets to ask in one
 * case (reactor/reactor-netty#4361): a request that arrives before the previous exchange has wound up
 * is held back, and if the gateway then answers it at once (a 404, a 401, a 503 from an open breaker),
 * the caller's next request on that connection lies unread until the caller gives up. Relayed answers
 * wind up on the service connection's event loop, so under load the next request can arrive early.
 * 1.3.8 fixes it, but it needs Netty 4.2.19, whose native transports are not on the Central this
 * build can reach; until the project moves to it, this handler asks again.
 * <p>
 * Reactor Netty still decides: the read asked for here passes its traffic handler, which holds reads
 * back while its queue of requests sent ahead is full, so a caller who floods one connection gains
 * nothing. Asking for a read while one is already pending changes nothing.
 */
@Component
public class KeepAliveReads implements NettyServerCustomizer {

    static final String HANDLER = "iip.keepAliveReads";

    private static final ChannelHandler READ_AFTER_EACH_ANSWER = new ReadAfterEachAnswer();

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null && pipeline.get(HANDLER) == null) {
                pipeline.addAfter(NettyPipeline.HttpTrafficHandler, HANDLER, READ_AFTER_EACH_ANSWER);
            }
        });
    }

    /** Passes every write on; after an answer's last part, asks for a read once the current work is done. */
    @ChannelHandler.Sharable
    static final class ReadAfterEachAnswer extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
            boolean last = message instanceof LastHttpContent;
            context.write(message, promise);
            if (last) {
                context.executor().execute(context::read);
            }
        }
    }
}
