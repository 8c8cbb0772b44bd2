#pragma once
/// A commit as the walk needs it (tree, parents, author, times), read through libgit2 or, when
/// libgit2 refuses the object (real histories hold commits with a broken or overflowing date, an
/// ident without '<', which git itself still shows), from the object's raw text, leniently, as
/// git reads it (git's split_ident_line): a date that cannot be read is 0, and the commit
/// says so. Included only by history.cpp and commit_diff.cpp: it talks to libgit2.
#include "kaiyuan/community/mailmap.hpp"
#include "kaiyuan/util/error.hpp"

#include <git2.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace kaiyuan::community {

struct CommitInfo {
    git_oid tree{};
    std::vector<git_oid> parents;
    Identity author;
    std::int64_t time = 0; ///< author time; 0 when it cannot be read
    int offset = 0;        ///< minutes east of UTC
    std::int64_t commit_time = 0;
    bool lenient = false;     ///< read from the raw text: libgit2 refused it
    bool date_broken = false; ///< the author's date could not be read
};

/// Parses a commit object's text (without the "commit <size>\0" header). Fails only when it has
/// no valid "tree" line: then it is no commit.
Result<CommitInfo> parse_raw_commit(std::string_view text);

/// The commit `id` of `repo`: libgit2's reading, else the lenient one; fails when the object
/// is missing, unreadable or not a commit.
Result<CommitInfo> load_commit(git_repository* repo, const git_oid& id);

} // namespace kaiyuan::community
