"""Uploads refused by their size before they are stored: a view that takes files puts `LimitedUploadHandler` first
(before Django's memory and temporary-file handlers) and checks the request's Content-Length before it reads the
body. The view must be `csrf_exempt` outside and `csrf_protect` inside, as Django's documentation says, since the
CSRF check reads the body (and would store the files) before the view could change its upload handlers."""

from __future__ import annotations

from django.core.files.uploadhandler import FileUploadHandler, StopUpload

#: room for the form's other fields and the multipart boundaries around the file
FORM_OVERHEAD = 64 * 1024


def declared_too_large(request, limit: int) -> bool:
    """The request says (Content-Length) that its body is larger than one file of `limit` bytes and its form."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > limit + FORM_OVERHEAD


class LimitedUploadHandler(FileUploadHandler):
    """Stops reading a file once it passes `limit` bytes: the later handlers never receive the rest, nothing more is
    stored, and `request.upload_too_large` names the file for the view's message."""

    def __init__(self, request, limit: int):
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.upload_too_large = self.file_name or ""
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None
