"""The Orchard REST API: route handlers (routes.py) and the aiohttp app (app.py)."""
