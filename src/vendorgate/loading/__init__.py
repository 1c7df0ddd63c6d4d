"""Reading dossier files: discovery, YAML/JSON with positions, and hostile-input bounds."""

from vendorgate.loading.files import Discovery, FileResult, Unread, discover, load_file

__all__ = ["Discovery", "FileResult", "Unread", "discover", "load_file"]
