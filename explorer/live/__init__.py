"""Live numbers for any model, shared by every layer kind: one forward pass with every layer's
output kept (trace.py), the X-ray data types and helpers (base.py), numpy activations, the X-ray
of any layer (xrays.py), the break-it runner (breakit.py) and the equivalences. Each kind's own
X-ray and mistakes live in its family's folder (explorer/layers/<family>/xray.py)."""
