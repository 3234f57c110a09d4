"""The versions of one file in a git repository: one per commit that changed it.

Two readers, dulwich (pure Python) and pygit2 (libgit2); `read_versions` is the one
measured faster on the hub's history (`python -m bench.history`, docs/history.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from vlmkg.errors import InputFileError


@dataclass(frozen=True)
class Version:
    """One version of the file: its commit, date (ISO, with offset), message and text."""

    commit: str
    date: str
    message: str
    text: bytes

    @property
    def day(self) -> str:
        """The date as YYYY-MM-DD."""
        return self.date[:10]


Reader = Callable[[Path, str], list[Version]]


def read_versions(repo: Path, file: str = "README.md", since: str | None = None) -> list[Version]:
    """The versions of `file` in `repo`, oldest first; `since` (YYYY-MM-DD) keeps later ones."""
    versions = versions_dulwich(_repo_root(repo), file)
    if not versions:
        raise InputFileError(
            f"{repo}: no commit holds {file}; give the file's path inside the repository "
            "with --file"
        )
    kept = [v for v in versions if since is None or v.day >= since]
    if not kept:
        raise InputFileError(
            f"no version of {file} since {since} (the newest is of {versions[-1].day}); "
            "give an earlier --since"
        )
    return kept


def versions_pygit2(repo: Path, file: str) -> list[Version]:
    """The versions of `file` read with pygit2, oldest first (first-parent history)."""
    import pygit2

    try:
        repository = pygit2.Repository(str(repo))
        head = repository.head.target
    except (pygit2.GitError, KeyError) as exc:
        raise InputFileError(f"{repo} is not a git repository with commits: {exc}") from exc
    chain = []
    commit = repository[head]
    while True:
        chain.append(commit)
        if not commit.parents:
            break
        commit = commit.parents[0]
    versions: list[Version] = []
    last_blob = None
    for commit in reversed(chain):
        try:
            blob_id = commit.tree[file].id
        except KeyError:
            last_blob = None
            continue
        if blob_id == last_blob:
            continue
        last_blob = blob_id
        date = _iso(commit.author.time, commit.author.offset)
        text = repository[blob_id].data
        versions.append(Version(str(commit.id), date, commit.message.strip(), text))
    return versions


def versions_dulwich(repo: Path, file: str) -> list[Version]:
    """The versions of `file` read with dulwich, oldest first (first-parent history)."""
    from dulwich.errors import NotGitRepository
    from dulwich.object_store import tree_lookup_path
    from dulwich.objects import Blob, Commit
    from dulwich.repo import Repo

    try:
        repository = Repo(str(repo))
        head = repository.head()
    except (NotGitRepository, KeyError) as exc:
        raise InputFileError(f"{repo} is not a git repository with commits: {exc}") from exc

    def commit_of(sha: bytes) -> Commit:
        found = repository[sha]
        if not isinstance(found, Commit):
            raise InputFileError(f"{repo}: {sha.decode()} is not a commit")
        return found

    chain = [commit_of(head)]
    while chain[-1].parents:
        chain.append(commit_of(chain[-1].parents[0]))
    versions: list[Version] = []
    last_blob = None
    path = file.encode("utf-8")
    for commit in reversed(chain):
        try:
            _, blob_id = tree_lookup_path(repository.__getitem__, commit.tree, path)
        except KeyError:
            last_blob = None
            continue
        if blob_id == last_blob:
            continue
        last_blob = blob_id
        date = _iso(commit.author_time, commit.author_timezone // 60)
        message = commit.message.decode("utf-8", "replace").strip()
        blob = repository[blob_id]
        if isinstance(blob, Blob):  # a submodule or a tree at that path is no version
            versions.append(Version(commit.id.decode(), date, message, blob.data))
    return versions


def _repo_root(repo: Path) -> Path:
    repo = Path(repo)
    if not repo.exists():
        raise InputFileError(f"{repo}: no such directory; give the path of a git clone")
    if repo.is_file():
        raise InputFileError(
            f"{repo} is a file; give a git clone (for a bundle: git clone {repo} <dir>)"
        )
    return repo


def _iso(seconds: int, offset_minutes: int) -> str:
    zone = timezone(timedelta(minutes=offset_minutes))
    return datetime.fromtimestamp(seconds, UTC).astimezone(zone).isoformat()


__all__ = ["Version", "read_versions", "versions_dulwich", "versions_pygit2"]
