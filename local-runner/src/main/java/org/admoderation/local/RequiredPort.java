package org.admoderation.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;

/**
 * A port the local run listens on, with the option that moves it: checked before anything
 * starts, so a PostgreSQL or Kafka already running here is never mistaken for ours (and
 * never migrated, or filled with demo ads).
 *
 * @param option the command-line option that sets it, without its value
 * @param usualHolder what usually listens there, for the message
 */
record RequiredPort(int port, String option, String usualHolder) {

	private static final int CONNECT_TIMEOUT_MILLIS = 300;

	/** The first port of these that is in use, as the one line to print; or empty. */
	static Optional<String> firstBusy(List<RequiredPort> ports) {
		return ports.stream().filter(RequiredPort::inUse).findFirst().map(RequiredPort::busyMessage);
	}

	String busyMessage() {
		return "Port " + this.port + " is already in use (" + this.usualHolder
				+ "?): stop that process, or choose another port with " + this.option + "=PORT";
	}

	/**
	 * In use when something answers on it, or when it cannot be bound: a server bound to
	 * the loopback address only, or to IPv6 only, is found either way.
	 */
	boolean inUse() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), CONNECT_TIMEOUT_MILLIS);
			return true;
		}
		catch (IOException nothingAnswers) {
			// Not proof enough: it might still be bound and not accepting.
		}
		try (ServerSocket server = new ServerSocket()) {
			// As the servers bind: connections of a run just stopped, lingering in
			// TIME_WAIT, do not hold the port (a listener still does).
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress(this.port));
			return false;
		}
		catch (IOException bound) {
			return true;
		}
	}

}
