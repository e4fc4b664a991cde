package org.admoderation.flow;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP port that refuses connections until {@link #open()}, then forwards them to a
 * target, until {@link #shut()} cuts every connection and refuses again: a broker that is
 * down when the API starts and comes up later, or a database that goes away and returns.
 * Kafka clients only bootstrap through it and then follow the broker's advertised
 * address; JDBC connections go through it all the way.
 */
final class ClosedUntilOpenedProxy implements AutoCloseable {

	private final int port;

	private final String targetHost;

	private final int targetPort;

	private volatile ServerSocket server;

	private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

	ClosedUntilOpenedProxy(String target) {
		int colon = target.lastIndexOf(':');
		this.targetHost = target.substring(0, colon);
		this.targetPort = Integer.parseInt(target.substring(colon + 1));
		try (ServerSocket probe = new ServerSocket(0)) {
			this.port = probe.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String address() {
		return "127.0.0.1:" + this.port;
	}

	void open() throws IOException {
		ServerSocket listening = new ServerSocket();
		listening.setReuseAddress(true);
		listening.bind(new InetSocketAddress("127.0.0.1", this.port));
		this.server = listening;
		Thread acceptor = new Thread(this::accept, "proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket target = new Socket(this.targetHost, this.targetPort);
				this.connections.add(client);
				this.connections.add(target);
				pipe(client, target);
				pipe(target, client);
			}
			catch (IOException ex) {
				// closed, or the target refused: the client sees a dropped connection and
				// retries
			}
		}
	}

	private static void pipe(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// connection closed
			}
		}, "proxy-pipe");
		thread.setDaemon(true);
		thread.start();
	}

	/** Refuses new connections and cuts the open ones, as a server that went away. */
	void shut() throws IOException {
		close();
		for (Socket socket : this.connections) {
			socket.close();
		}
		this.connections.clear();
	}

	@Override
	public void close() throws IOException {
		if (this.server != null) {
			this.server.close();
		}
	}

}
