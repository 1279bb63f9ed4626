"""The store as a local web app and a JSON API (``corroborate serve``).

``app.create_app(db)`` builds the FastAPI application: ``pages`` (server-rendered HTML, no
JavaScript) and ``api`` (JSON under ``/api/``) over the functions of ``service``, which read and
write the store. Nothing here is imported by the rest of the package.
"""
