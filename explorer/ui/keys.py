"""Widget keys one panel sets for another: a click on the diagram chooses the X-ray's layer and opens it."""

XRAY_LAYER_KEY = "xray_layer"  # the X-ray panel's layer selector
XRAY_PANEL_KEY = "open_xray"  # the X-ray's expander
