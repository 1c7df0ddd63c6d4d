"""Reading dossier files: discovery, YAML/JSON with positions, and hostile-input bounds."""

from vendorgate.loading.files import FileResult, discover, load_file

__all__ = ["FileResult", "discover", "load_file"]
