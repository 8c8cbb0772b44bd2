#pragma once
/// A reader of a repository's pack files, put in front of libgit2's own so that walks which read
/// many versions of the same files (community statistics) do not rebuild every delta chain from
/// its base. libgit2 1.5 caches only the bottom of a chain (16 MiB, objects under 1 MiB) and
/// re-inflates and re-applies every delta above it on each read; git keeps the intermediate
/// results too (its delta base cache), which is most of why `git log --numstat` was faster.
///
/// Pack format: gitformat-pack(5) (index version 2, object headers, OFS/REF deltas, delta
/// copy/insert instructions). Anything this reader does not handle (index version 1, a REF delta
/// whose base is in another pack, loose objects, alternates, damaged data) it passes through, and
/// libgit2's own backends answer with their own diagnostics.
#include "kaiyuan/util/error.hpp"

#include <cstddef>
#include <string>

struct git_repository;
struct git_odb_backend;

namespace kaiyuan::source::git {

/// Adds the reader to `repo`'s object database. A repository handle should stay in one thread
/// (as libgit2 asks); the reader's cache belongs to it. `cache_bytes` bounds the delta bases kept.
Result<void> add_pack_reader(git_repository* repo, std::size_t cache_bytes = 64u << 20);

/// The reader of the packs in `pack_directory` (objects/pack) as a libgit2 backend, for an object
/// database of one's own (git_odb_new, git_odb_add_backend), which then owns it. Null when the
/// directory holds no pack this reader can read.
git_odb_backend* pack_reader(const std::string& pack_directory, std::size_t cache_bytes);

} // namespace kaiyuan::source::git
