#pragma once
/// What every user of libgit2 here shares: owned handles, the last error in words, object ids
/// as hex, and opening a repository by any path inside it. Included only by the files that talk
/// to libgit2 (git_tree.cpp, community/history.cpp), never by headers others include.
#include "kaiyuan/util/error.hpp"

#include <git2.h>

#include <cstring>
#include <string>

namespace kaiyuan::source::git {

/// libgit2's last error in words.
inline std::string problem() {
    const git_error* e = git_error_last();
    return e && e->message ? e->message : "unknown libgit2 error";
}

inline std::string hex(const git_oid& oid) {
    char buf[GIT_OID_HEXSZ + 1];
    git_oid_tostr(buf, sizeof buf, &oid);
    return buf;
}

/// Object ids as keys of unordered containers (an id's first bytes are already uniform).
struct OidHash {
    std::size_t operator()(const git_oid& o) const {
        std::size_t h = 0;
        std::memcpy(&h, o.id, sizeof h);
        return h;
    }
};
struct OidEqual {
    bool operator()(const git_oid& a, const git_oid& b) const { return git_oid_equal(&a, &b); }
};

/// An owned libgit2 pointer, freed with its own function.
template <class T, void (*Free)(T*)> struct Owned {
    T* p = nullptr;
    Owned() = default;
    Owned(const Owned&) = delete;
    Owned& operator=(const Owned&) = delete;
    ~Owned() {
        if (p) Free(p);
    }
};
using Repository = Owned<git_repository, git_repository_free>;
using Object = Owned<git_object, git_object_free>;
using Tree = Owned<git_tree, git_tree_free>;
using Blob = Owned<git_blob, git_blob_free>;
using Commit = Owned<git_commit, git_commit_free>;
using Revwalk = Owned<git_revwalk, git_revwalk_free>;
using Diff = Owned<git_diff, git_diff_free>;
using Patch = Owned<git_patch, git_patch_free>;
using Odb = Owned<git_odb, git_odb_free>;

/// Opens the repository at `path` (a work tree, a subdirectory of one, a bare or .git
/// directory); the error names the path.
inline Result<void> open(Repository& repo, const std::string& path) {
    git_libgit2_init();
    if (git_repository_open_ext(&repo.p, path.c_str(), 0, nullptr) != 0)
        return fail(path + ": not a git repository (" + problem() + ")");
    return {};
}

} // namespace kaiyuan::source::git
