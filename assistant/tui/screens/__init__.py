"""The screens of the Samtale TUI: home, start, conversation, end, notes, the practice screens
(``practice/``), the modal dialogs and the too-small notice.

A screen may import widgets, modals, ``text``, ``help``, ``bindings`` and ``navigation`` and the
layers below the TUI, never another screen nor the app: to lead elsewhere it asks the app with
``navigation.go``. Modals are dialogs a screen opens itself and gets a result back from."""
