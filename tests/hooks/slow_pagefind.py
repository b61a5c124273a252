"""A stand-in for ``pagefind --service`` that answers ``WriteFiles`` before it has written the files.

Pagefind's service replies to ``WriteFiles`` while its writes may still be under way; a caller that
then stops the process, or reads the files at once, finds ``pagefind-entry.json`` half written.
This script makes that window long and certain: it writes the first half of the entry file,
sleeps, then writes the rest (killed meanwhile, it leaves the half-written file behind).
``GetFiles`` answers with the complete bundle, as Pagefind's does.
"""

from __future__ import annotations

import base64
import json
import sys
import threading
import time
from pathlib import Path

#: Long enough that a reader who does not wait is certain to find the file half written.
WRITE_PAUSE_SECONDS = 1.0


def _write_slowly(folder: Path, pages: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    entry = json.dumps({"version": "fake", "languages": {"zh": {"page_count": pages}}})
    with (folder / "pagefind-entry.json").open("w", encoding="utf-8") as stream:
        stream.write(entry[: len(entry) // 2])
        stream.flush()
        time.sleep(WRITE_PAUSE_SECONDS)
        stream.write(entry[len(entry) // 2 :])


def _reply(message_id: int, payload: dict[str, object]) -> None:
    message = json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")
    sys.stdout.buffer.write(base64.b64encode(message) + b",")
    sys.stdout.buffer.flush()


def _messages() -> list[dict[str, object]]:
    """The requests read so far; an empty list at the end of stdin."""
    data = b""
    while not data.endswith(b","):
        chunk = sys.stdin.buffer.read(1)
        if not chunk:
            return []
        data += chunk
    return [json.loads(base64.b64decode(data[:-1]))]


def main() -> None:
    writers: list[threading.Thread] = []
    pages = 0
    while messages := _messages():
        for request in messages:
            message_id = int(request["message_id"])  # type: ignore[call-overload]
            payload = request["payload"]
            assert isinstance(payload, dict)
            kind = payload["type"]
            if kind == "NewIndex":
                _reply(message_id, {"type": "NewIndex", "index_id": 1})
            elif kind == "AddFile":
                pages += 1
                _reply(
                    message_id,
                    {
                        "type": "IndexedFile",
                        "page_word_count": 1,
                        "page_url": payload["url"],
                        "page_meta": {},
                    },
                )
            elif kind == "GetFiles":
                entry = json.dumps({"version": "fake", "languages": {"zh": {"page_count": pages}}})
                content = base64.b64encode(entry.encode("utf-8")).decode("ascii")
                files = [{"path": "pagefind-entry.json", "content": content}]
                _reply(message_id, {"type": "GetFiles", "files": files})
            elif kind == "DeleteIndex":
                _reply(message_id, {"type": "DeleteIndex"})
            elif kind == "WriteFiles":
                folder = Path(str(payload["output_path"]))
                _reply(message_id, {"type": "WriteFiles", "output_path": str(folder)})
                writer = threading.Thread(target=_write_slowly, args=(folder, pages))
                writer.start()
                writers.append(writer)
    for writer in writers:
        writer.join()


if __name__ == "__main__":
    main()
