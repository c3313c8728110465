"""Keras Shape Explorer: `streamlit run app.py`.

Serves page.py. TensorFlow takes seconds to import, so a background thread imports it and computes
the question's model (shapes, diagram, build) as soon as the server starts, before the first visitor arrives; the
server answers meanwhile, and a visitor who comes early waits only for what is left of the warm-up.
"""
import importlib
import pkgutil
import threading
from contextlib import asynccontextmanager

import streamlit as st


def warm_up() -> None:
    import explorer.ui

    for module in pkgutil.iter_modules(explorer.ui.__path__):  # every panel page.py imports
        importlib.import_module(f"explorer.ui.{module.name}")
    from explorer.ui import cache

    cache.warm()


@asynccontextmanager
async def lifespan(_app):
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    yield


app = st.App("page.py", lifespan=lifespan)
