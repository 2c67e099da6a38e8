"""`darkwire run` and `darkwire serve`: the web app under uvicorn, with the polling loop in a thread."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from darkwire.accounts import first_admin
from darkwire.alerts.deliver import Deliverer
from darkwire.pipeline import Pipeline, Poller
from darkwire.store import Store

log = logging.getLogger("darkwire")


def serve(host: str, port: int, config: Path | None, workers: int = 1) -> int:
    """Serve until stopped; with a config, poll its sources too (first round at once)."""
    import uvicorn

    from darkwire.config import load_config
    from darkwire.web.app import create_app

    with Store.open() as store:
        first = first_admin(store)
        if first is not None:  # shown once, on the terminal only: never logged, never stored in clear
            print(f"darkwire: first start: admin {first[0]} created, one-time password: {first[1]}", flush=True)
        pipeline = Pipeline(store, workers=workers)
        # Without a config the poller has no sources, but still analyses what is pushed to the API.
        poller = Poller(pipeline, load_config(config) if config else None, config.parent if config else None)
        deliverer = Deliverer(store, base_url=f"http://{host}:{port}")
        pipeline.on_alert.append(deliverer.alerted)  # alerts made while polling go out at once
        threading.Thread(target=deliverer.run_forever, name="darkwire-alerts", daemon=True).start()
        threading.Thread(target=poller.run_forever, name="darkwire-poller", daemon=True).start()
        app = create_app(pipeline, on_push=poller.wake.set)
        print(f"darkwire: UI and API at http://{host}:{port}/  (sources: {config or 'none'})", flush=True)
        try:
            uvicorn.run(app, host=host, port=port, log_level="warning")
        finally:
            poller.stop.set()
            poller.wake.set()
            deliverer.stop.set()
            deliverer.wake.set()
            pipeline.close()
    return 0
