package cn.beijing.iip.registry.gateway.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

import cn.beijing.iip.registry.problem.ProblemType;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests the HTTP decoder refuses before anything else runs (a request line or headers too long, a
 * malformed length or line ending) get reactor-netty's bare 400, 414 or 431 with no body. This answers
 * them as the services' servers answer theirs: 400 with a problem+json that says what is wrong.
 */
@Component
public class DecodingFailureProblems implements NettyServerCustomizer {

    static final String HANDLER = "iip.decodingFailureProblems";
    static final String DETAIL = "the request could not be read: its address or headers are malformed or too long";

    /** What reactor-netty answers when the decoder fails: these statuses, no body, the connection closed. */
    private static final Set<Integer> DECODER_STATUSES = Set.of(400, 414, 431);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(HANDLER) == null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, HANDLER, new Handler());
            }
        });
    }

    /** Replaces the decoder's bare refusal on its way out; every other response passes untouched. */
    static final class Handler extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) throws Exception {
            if (message instanceof FullHttpResponse response && isBareDecoderRefusal(response)) {
                FullHttpResponse problem = problem(response);
                response.release();
                context.write(problem, promise);
                return;
            }
            super.write(context, message, promise);
        }
    }

    static boolean isBareDecoderRefusal(FullHttpResponse response) {
        return DECODER_STATUSES.contains(response.status().code())
                && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)
                && response.content().readableBytes() == 0
                && response.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
    }

    static FullHttpResponse problem(FullHttpResponse bare) {
        ProblemType type = ProblemType.INVALID_PARAMETER;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri().toString());
        body.put("title", type.title());
        body.put("status", type.status());
        body.put("detail", DETAIL);
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse problem = new DefaultFullHttpResponse(bare.protocolVersion(), HttpResponseStatus.valueOf(type.status()),
                Unpooled.wrappedBuffer(bytes));
        problem.headers().set(bare.headers())
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return problem;
    }
}
