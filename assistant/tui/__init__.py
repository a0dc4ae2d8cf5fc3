"""The Textual front end: the top layer, beside ``plain`` and ``cli``, and the only place that
imports Textual.

``app.py`` holds the app and its factory; ``router.py``, which the app inherits, decides which
screen follows which (the places a screen may ask for are in ``navigation.py``); ``bindings.py``
holds every key; ``screens/`` and ``widgets/`` hold what is shown; ``help/`` the F1 texts as
Markdown; ``styles/`` one stylesheet per screen; ``commands.py`` the command palette; ``keys.py``
keys handled in order; ``text.py`` user text as Rich text. It may import any layer below it
(``session``, ``practice``, ``slash``, ``roleplay``, ``dialogue``, ``engine``, ``notes``); nothing
outside ``tui`` imports it but the CLI."""
