"""gunicorn's settings for the Procfile's web line (read from the working directory)."""


def worker_exit(server, worker):
    """SIGTERM (a deploy, a dyno restart): the worker's sending threads stop claiming, finish
    what is in flight and hand back what they claimed, so nobody waits a lease for it."""
    app = getattr(worker, "wsgi", None)
    if hasattr(app, "shutdown"):
        app.shutdown(timeout=float(server.cfg.graceful_timeout) / 2)
