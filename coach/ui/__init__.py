"""The PySide6 interface: the composition root (`app`), the main window that wires the
screens (`window`), one package per screen (`start`, `pacer`, `guided`, `timing`,
`review`) and per concern (`sound`, `widgets`); widgets draw state and emit intents.
"""
