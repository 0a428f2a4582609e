"""`protokol serve`: one uvicorn process (the front: HTTP, uploads, the queue) and `--workers`
extraction processes behind it (api/pool.py), each loading the pipeline once.

Graceful stop: on SIGTERM or Ctrl-C uvicorn stops accepting connections, closes idle keep-alive
ones, and waits up to PROTOKOL_MAX_SECONDS for the requests in flight; only then are the
extraction processes told to stop (they ignore the signal themselves, so a SIGTERM sent to the whole
process group does not cut the requests they are working on)."""
from __future__ import annotations

import logging.config
import os
from typing import Any

from extractor import one_numeric_thread_per_process

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def log_config(level: str) -> dict[str, Any]:
    """uvicorn's logging plus ours: the access log is our one JSON line per request (uvicorn's own
    access log is off), errors of the app go to stderr with their traceback."""
    from uvicorn.config import LOGGING_CONFIG

    config = {**LOGGING_CONFIG, "loggers": dict(LOGGING_CONFIG["loggers"])}
    config["formatters"] = {**LOGGING_CONFIG["formatters"], "protokol": {"format": LOG_FORMAT},
                            "line": {"format": "%(message)s"}}
    config["handlers"] = {**LOGGING_CONFIG["handlers"],
                          "protokol": {"class": "logging.StreamHandler", "formatter": "protokol",
                                       "stream": "ext://sys.stderr"},
                          "protokol.access": {"class": "logging.StreamHandler", "formatter": "line",
                                              "stream": "ext://sys.stdout"}}
    config["loggers"]["protokol.api"] = {"handlers": ["protokol"], "level": level.upper(), "propagate": False}
    config["loggers"]["protokol.api.access"] = {"handlers": ["protokol.access"], "level": level.upper(),
                                                "propagate": False}
    return config


def served_app():
    """The uvicorn factory of `protokol serve`: the app with its pool of extraction processes."""
    from .app import create_app
    from .settings import get_settings

    settings = get_settings()
    return create_app(settings, processes=settings.workers)


def serve(host: str | None = None, port: int | None = None, workers: int | None = None) -> None:
    """Run the API until interrupted; arguments left None come from PROTOKOL_* settings."""
    import uvicorn

    from .settings import get_settings

    settings = get_settings()
    host = host or settings.host
    port = settings.port if port is None else port
    workers = workers or settings.workers
    # The app (served_app) reads its settings from the environment: hand it what we were told.
    os.environ.update(PROTOKOL_HOST=host, PROTOKOL_PORT=str(port), PROTOKOL_WORKERS=str(workers))
    get_settings.cache_clear()   # served_app reads them again, in this same process
    # measured: ~1.5x throughput at 8 clients with 2 extraction processes on 2 cores
    one_numeric_thread_per_process()
    config = log_config(settings.log_level)
    logging.config.dictConfig(config)
    # One uvicorn process: requests are spread over the extraction processes by api/pool.py, not by
    # the kernel's accept() (which gave a whole burst of keep-alive connections to one worker).
    uvicorn.run("api.server:served_app", factory=True, host=host, port=port, workers=1,
                log_config=config, access_log=False, log_level=settings.log_level.lower(),
                timeout_graceful_shutdown=int(settings.max_seconds) + 1)
