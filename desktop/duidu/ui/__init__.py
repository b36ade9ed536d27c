"""The PySide6 desktop UI: the only layer that imports Qt (start it with ``duidu.ui.app.run``)."""
