#pragma once
/// One walk of a repository's history through libgit2, straight from the object database: every
/// commit reachable from the chosen revisions, with its author, committer time and the lines
/// each file gained and lost against its first parent, exactly as `git log --numstat
/// --no-renames` counts them (a renamed file is a deletion and an addition: libgit2's similarity
/// measure differs from git's, so detected renames could not agree with git; binary files have
/// no line counts). Diffs are computed on all cores, each thread with its own repository handle, as
/// libgit2 requires.
///
/// A commit libgit2 refuses to read (an unreadable or overflowing date, an odd ident: git still
/// shows such commits) is read from its raw text instead (raw_commit.hpp); without a readable
/// author date it is dated by its commit time, with an info diagnostic.
///
/// Merge commits are counted as commits; their changes are not counted as lines (git log
/// --numstat shows none for a merge), since the lines came in with the merged commits.
#include "kaiyuan/community/mailmap.hpp"
#include "kaiyuan/util/error.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kaiyuan::community {

struct FileChange {
    std::string path; ///< the new path (the old one for a deletion)
    std::uint32_t added = 0, removed = 0;
    bool binary = false;
};

/// "2024-01-31T12:00:00Z" for seconds since the epoch.
std::string iso_time(std::int64_t time);

/// "Name\nemail": an author as the commit carries it, the key of PathLines.
std::string author_key(const Identity& who);

/// Lines changed, by whom and where: directories two levels deep ("src/", "src/net/"; "." for
/// files at the root) and languages. Bounded by people and paths, not by commits.
struct PathLines {
    std::map<std::string, std::map<std::string, std::uint64_t>> by_directory; ///< -> author key
    std::map<std::string, std::map<std::string, std::uint64_t>> by_language;  ///< -> author key
    /// Commits that touched each file, per month ("2024-03") and author key: the
    /// contributor-file graph of the OpenRank-style value.
    std::map<std::string, std::map<std::pair<std::string, std::string>, std::uint32_t>>
        touches_by_month;
    void add(const std::string& author, const FileChange& change);
    void touch(const std::string& month, const std::string& author, const std::string& path);
    void merge(PathLines&& other);
};

/// The language of a path by its extension ("C++", "Rust", "Markdown"); "" when unknown.
std::string language_of(std::string_view path);

struct Commit {
    std::string id;
    Identity author;       ///< as the commit says (before .mailmap)
    std::int64_t time = 0; ///< author time, seconds since the epoch (UTC)
    int offset = 0;        ///< the author's time zone, minutes east of UTC
    std::int64_t commit_time = 0;
    unsigned parents = 0;
    bool shallow = false; ///< a shallow clone's boundary: counted as a root, as git does
    std::uint64_t added = 0, removed = 0; ///< over its files (binary files count 0)
    std::vector<FileChange> files;        ///< only with WalkOptions::keep_files
};

/// A tag and when the commit it names was made: releases, for their cadence.
struct Tag {
    std::string name;
    std::int64_t time = 0; ///< the tagged commit's commit time
};

struct WalkOptions {
    std::vector<std::string> revisions{"HEAD"}; ///< anything git rev-parse takes
    bool all_refs = false;                      ///< every branch and tag instead
    std::int64_t since = 0, until = 0;          ///< author time window; 0: open
    unsigned threads = 0;                       ///< 0: every core
    bool file_changes = true;                   ///< false: commits only, no diffs
    bool keep_files = false; ///< keep each commit's files (memory grows with history)
};

struct History {
    std::string repository;      ///< as given
    std::vector<Commit> commits; ///< newest first, as git log lists them
    Mailmap mailmap;             ///< the repository's .mailmap at the first revision
    std::vector<Tag> tags;       ///< every tag that names a commit, oldest first
    PathLines lines;             ///< lines changed by author (before .mailmap) and path
    std::vector<model::Diagnostic> diagnostics;
};

/// Walks `repository` (a work tree, or a bare or .git directory). An unreadable object is a
/// diagnostic and the walk goes on; only "not a repository" or "no such revision" fail.
Result<History> walk_history(const std::string& repository, const WalkOptions& options);

} // namespace kaiyuan::community
