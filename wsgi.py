"""Process edge: picks the server, monkey-patches (eventlet or gevent) and serves.

This is the only place that patches or imports a green-thread library, so the
async mode stays a configuration switch (CAFE_ASYNC_MODE). Run it directly
(`python wsgi.py`) or point gunicorn at `wsgi:app`.
"""

import gc
import os
import resource
import socket
import warnings

ASYNC_MODE = os.environ.get("CAFE_ASYNC_MODE", "eventlet")
if ASYNC_MODE == "eventlet":
    # Chosen knowingly (see docs/deploy.md): keep its maintenance-mode banner quiet.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import eventlet

    eventlet.monkey_patch()
elif ASYNC_MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()


def _make_psycopg2_cooperative() -> None:
    """Let other green threads run while psycopg2 waits for PostgreSQL.

    eventlet.monkey_patch() does this itself; gevent does not, and without it
    every query would block the whole process.
    """
    import psycopg2
    from gevent.socket import wait_read, wait_write
    from psycopg2 import extensions

    def wait(connection, timeout=None):
        while True:
            state = connection.poll()
            if state == extensions.POLL_OK:
                return
            if state == extensions.POLL_READ:
                wait_read(connection.fileno(), timeout=timeout)
            elif state == extensions.POLL_WRITE:
                wait_write(connection.fileno(), timeout=timeout)
            else:
                raise psycopg2.OperationalError(f"bad poll state {state!r}")

    extensions.set_wait_callback(wait)


if ASYNC_MODE == "gevent":
    _make_psycopg2_cooperative()

from cafe import create_app  # noqa: E402  (after monkey-patching)
from cafe.extensions import socketio  # noqa: E402

app = create_app()


def _tune_garbage_collector() -> None:
    """Keep Python's cycle collector from pausing the server for long.

    With a thousand sockets open, each full collection took about 0.2 s of CPU,
    several times a second while votes arrived. What startup built is frozen
    out of collections, and young objects are collected in bigger rounds, which
    makes full collections rare; garbage without cycles is freed at once anyway.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(5_000, 10, 100)


_tune_garbage_collector()


def _raise_open_file_limit() -> None:
    """Each websocket holds a file descriptor; allow as many as the system does."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


# eventlet accepts 1,024 connections by default and then stalls new ones.
MAX_CONNECTIONS = 50_000
BACKLOG = 4096


def _listener(host: str, port: int) -> socket.socket:
    """A listening socket whose connections send small frames at once.

    Without TCP_NODELAY, Nagle's algorithm held small websocket frames back
    for about 40 ms; accepted sockets inherit the option on Linux.
    """
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    listener.bind((host, port))
    listener.listen(BACKLOG)
    return listener


def _serve(host: str, port: int) -> None:
    if ASYNC_MODE == "eventlet":
        import eventlet.wsgi

        eventlet.wsgi.server(
            _listener(host, port), app, max_size=MAX_CONNECTIONS, log_output=False
        )
    elif ASYNC_MODE == "gevent":
        from gevent import pywsgi

        pywsgi.WSGIServer(_listener(host, port), app, log=None).serve_forever()
    else:
        socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True)


def main() -> None:
    _raise_open_file_limit()
    host, port = app.config["HOST"], app.config["PORT"]
    print(f"Café is serving on http://{host}:{port} ({ASYNC_MODE})", flush=True)
    _serve(host, port)


if __name__ == "__main__":
    main()
