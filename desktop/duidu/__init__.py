"""Duidu (对读): read Chinese policy documents against each other, offline.

Layers, imports pointing one way only: ui -> library -> engine -> text; cli beside ui.
Nothing outside ``ui`` imports Qt.
"""

__version__ = "0.1.0"
