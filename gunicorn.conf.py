"""gunicorn's settings for the Procfile's web line (read from the working directory)."""
import sys


def on_starting(server):
    """Check the configuration before any worker forks: a bad one exits within seconds, with
    one line naming the variable, instead of respawning workers forever."""
    from ivr.config import ConfigError, check_environment

    try:
        check_environment()
    except ConfigError as problem:
        print(f"buurtlijn: refusing to start: {problem}", file=sys.stderr)
        sys.exit(2)


def post_worker_init(worker):
    """A worker serves the line: its sweep starts now, not at its first request, so what an
    operator's command queued goes out within SEND_SWEEP_SECONDS even on a quiet line."""
    app = getattr(worker, "wsgi", None)
    if hasattr(app, "dispatcher"):
        from ivr import serving

        serving(app)


def worker_exit(server, worker):
    """SIGTERM (a deploy, a dyno restart): the worker's sending threads stop claiming, finish
    what is in flight and hand back what they claimed, so nobody waits a lease for it."""
    app = getattr(worker, "wsgi", None)
    if hasattr(app, "shutdown"):
        app.shutdown(timeout=float(server.cfg.graceful_timeout) / 2)


# An access log, and gunicorn's own lines, in the app's JSON format (ivr/logs.py).
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s" rid=%({x-request-id}o)s'
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "ivr.logs.formatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
    "root": {"level": "INFO", "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}
