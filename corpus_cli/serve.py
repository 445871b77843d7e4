"""`corpus serve`: the HTTP search service and web page (FastAPI + uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer

from corpus_cli.common import ConfigOption, StoreOption, console, settings_for


def serve_command(
    host: Annotated[
        str | None, typer.Option(help="Address to bind (default 127.0.0.1 from settings).")
    ] = None,
    port: Annotated[
        int | None, typer.Option(min=1, max=65535, help="Port (default 8000 from settings).")
    ] = None,
    store: StoreOption = None,
    config: ConfigOption = None,
) -> None:
    """Serve the search API and the search page (http://127.0.0.1:8000/).

    Binding to anything but loopback requires server.api_token (CORPUS_SERVER__API_TOKEN).

    Example: corpus serve --port 8000
    """
    import uvicorn

    from search_api.server import create_app

    settings = settings_for(store, config)
    if host:
        settings.server.host = host
    if port:
        settings.server.port = port
    app = create_app(settings)
    console.print(f"Serving {settings.store} on http://{settings.server.host}:{settings.server.port}/")
    uvicorn.run(app, host=settings.server.host, port=settings.server.port, log_level="warning")
