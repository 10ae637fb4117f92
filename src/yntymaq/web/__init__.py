"""The web UI and the JSON API over the knowledge base (`create_app`), served by `yntymaq serve`."""

from yntymaq.web.app import create_app

__all__ = ["create_app"]
