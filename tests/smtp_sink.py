"""A tiny real SMTP server for tests: records the messages it accepts, or refuses as told."""

import socketserver
import threading


class SMTPSink:
    """Listen on 127.0.0.1 (a free port); ``refuse_recipients`` answers RCPT with that reply.

    ``on_accept`` is called once a message is stored, before the server answers that it took it;
    ``on_connect`` when a client connects, before the server greets it.
    """

    def __init__(self, refuse_recipients: str | None = None, on_accept=None, on_connect=None):
        self.messages: list[dict] = []
        self.refuse_recipients = refuse_recipients
        self.on_accept = on_accept
        self.on_connect = on_connect
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                def reply(line: str) -> None:
                    self.wfile.write((line + "\r\n").encode())

                if sink.on_connect is not None:
                    sink.on_connect()
                reply("220 sink ready")
                envelope = {"from": None, "to": [], "data": ""}
                while True:
                    raw = self.rfile.readline()
                    if not raw:
                        return
                    command = raw.decode(errors="replace").strip()
                    verb = command.split(" ", 1)[0].upper()
                    if verb in ("EHLO", "HELO"):
                        reply("250 sink")
                    elif verb == "MAIL":
                        envelope = {"from": command, "to": [], "data": ""}
                        reply("250 OK")
                    elif verb == "RCPT":
                        if sink.refuse_recipients:
                            reply(sink.refuse_recipients)
                        else:
                            envelope["to"].append(command.split(":", 1)[1].strip(" <>"))
                            reply("250 OK")
                    elif verb == "DATA":
                        reply("354 go ahead")
                        lines = []
                        while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                            lines.append(line.decode(errors="replace"))
                        envelope["data"] = "".join(lines)
                        sink.messages.append(envelope)
                        if sink.on_accept is not None:
                            sink.on_accept()
                        reply("250 queued")
                    elif verb == "RSET":
                        reply("250 OK")
                    elif verb == "QUIT":
                        reply("221 bye")
                        return
                    else:
                        reply("502 not implemented")

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "SMTPSink":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def smtp_settings(port: int) -> dict:
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port,
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_TIMEOUT": 10,
    }


def closed_port() -> int:
    """Return a port where nothing listens (bound, then released)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
