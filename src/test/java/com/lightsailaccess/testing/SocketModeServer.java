package com.lightsailaccess.testing;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Slack's Socket Mode end stood in by a local WebSocket server: it greets a connecting client with {@code hello},
 * can push envelopes to it, and records what the client sends back (the acknowledgements).
 */
public final class SocketModeServer extends WebSocketServer {

    private static SocketModeServer instance;

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<WebSocket> clients = new CopyOnWriteArrayList<>();

    private SocketModeServer() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
    }

    public static synchronized SocketModeServer instance() {
        if (instance == null) {
            instance = new SocketModeServer();
            instance.start();
            long until = System.currentTimeMillis() + 5000;
            while (instance.getPort() == 0 && System.currentTimeMillis() < until) {
                Thread.onSpinWait();
            }
        }
        return instance;
    }

    /** Whether a server was started in this JVM (only the Socket Mode test starts one). */
    public static synchronized boolean running() {
        return instance != null;
    }

    public String url() {
        return "ws://127.0.0.1:" + getPort() + "/link";
    }

    public List<String> received() {
        return received;
    }

    public boolean connected() {
        return !clients.isEmpty();
    }

    public void push(String envelope) {
        clients.forEach(c -> c.send(envelope));
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        clients.add(conn);
        conn.send("{\"type\":\"hello\",\"num_connections\":1,\"connection_info\":{\"app_id\":\"A0APP\"},"
                + "\"debug_info\":{\"host\":\"test\",\"approximate_connection_time\":3600}}");
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        clients.remove(conn);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        received.add(message);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // a client going away is normal here
    }

    @Override
    public void onStart() {
        // ready
    }
}
