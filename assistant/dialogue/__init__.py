"""The model of a guide: dataclasses, the guide schema, the loader and validator, answers and
conditions, and the cache of bundled guides. Imports only ``yamlkit`` from the rest of
``assistant``; nothing from ``roleplay`` or above."""
