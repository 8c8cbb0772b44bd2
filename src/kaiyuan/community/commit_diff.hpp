#pragma once
/// The lines each file of a commit gained and lost against its first parent, exactly as `git log
/// --numstat --no-renames` counts them, for one thread's run of commits. Included only by
/// history.cpp: it talks to libgit2.
///
/// Why not libgit2's git_diff_tree_to_tree: on vite's history its tree iterator alone took 3.4 s
/// where comparing the two trees entry by entry (skipping equal subtree ids) takes 0.6 s, and a
/// blob that is the old side of one commit is the new side of the next one walked: kept here, it
/// is read once instead of twice (libgit2 rebuilds a delta chain from its base on every read).
/// The line counting itself is libgit2's (xdiff, as git's), so the counts stay git's.
#include "kaiyuan/community/history.hpp"
#include "kaiyuan/source/git_handles.hpp"

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>

namespace kaiyuan::community {

class CommitDiffer {
public:
    /// `repo` is this thread's own handle (libgit2 wants one per thread); it must outlive this.
    explicit CommitDiffer(git_repository* repo);
    ~CommitDiffer();
    CommitDiffer(const CommitDiffer&) = delete;
    CommitDiffer& operator=(const CommitDiffer&) = delete;

    /// Fills c.files, c.added and c.removed; c.id names the commit. A shallow boundary or a root
    /// is compared with the empty tree.
    Result<void> count(Commit& c);

private:
    struct Side {
        const git_oid* id = nullptr; ///< null: the path is absent on this side
        git_filemode_t mode = GIT_FILEMODE_UNREADABLE;
    };
    Result<void> compare_trees(const git_oid* before, const git_oid* after, std::string& path,
                               Commit& c);
    Result<void> compare_entries(const git_tree_entry* before, const git_tree_entry* after,
                                 std::string& path, Commit& c);
    Result<void> count_file(Side before, Side after, const std::string& path, Commit& c);
    /// The blob `id`, from the kept ones or the object database; the caller frees it.
    Result<git_blob*> blob(const git_oid& id, const std::string& path);
    /// Keeps `b` (taking ownership) for the next commit, which will likely read it as its new side.
    void keep(git_blob* b);
    /// What the "diff" attribute says of `path`: 1 text, 0 binary, -1 decide by content.
    int diff_attribute(const std::string& path);

    git_repository* repo_;
    git_diff_options options_;
    std::unordered_map<git_oid, git_blob*, source::git::OidHash, source::git::OidEqual> kept_;
    std::deque<git_oid> kept_order_; ///< oldest first, for eviction
    std::uint64_t kept_bytes_ = 0;
    std::unordered_map<std::string, int> attributes_;
};

} // namespace kaiyuan::community
